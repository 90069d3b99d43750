/**
 * A watched folder in the studio (browser host): added in Settings by typed path, then an image
 * another tool writes into it appears in the gallery by itself, its tile served from the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comfyGraph, withPngTexts } from '../support/foreign-fixtures';
import { makeTempDir } from '../support/temp';
import { galleryImage } from './support/actions';
import { startStudio, type Studio } from './support/studio';

const COMFY_PROMPT = 'a glass greenhouse in the snow\nvolumetric morning light';

describe('watched folders in the studio', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('fills the gallery from a folder another tool writes into, without writing to it', async () => {
    const { page } = studio;
    const folder = makeTempDir('seedbank-e2e-watched-');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Watch a folder…' }).click();
    await settings.getByLabel('Folder to watch').fill(folder);
    await settings.getByRole('button', { name: 'Watch', exact: true }).click();
    const list = settings.getByRole('list', { name: 'Watched folders' });
    await list.getByText(path.basename(folder)).waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    const pixels = Buffer.alloc(64 * 48 * 3).map((_, i) => (i * 31 + 5 * 97) % 256);
    const png = await sharp(pixels, { raw: { width: 64, height: 48, channels: 3 } })
      .png()
      .toBuffer();
    const bytes = withPngTexts(png, [{ type: 'tEXt', keyword: 'prompt', text: JSON.stringify(comfyGraph()) }]);
    fs.writeFileSync(path.join(folder, 'ComfyUI_00007_.png'), bytes);

    const image = galleryImage(page, COMFY_PROMPT);
    await image.waitFor();
    // The tile's picture loaded (from our thumbnail or the folder itself, through the served-files rule).
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(fs.readdirSync(folder)).toEqual(['ComfyUI_00007_.png']);
    expect(fs.readFileSync(path.join(folder, 'ComfyUI_00007_.png'))).toEqual(bytes);
  });

  it('says so when Delete cannot move a watched image to the Trash, and keeps it in the gallery', async () => {
    const { page } = studio;
    const image = galleryImage(page, COMFY_PROMPT);
    await image.click();
    await page.keyboard.press('Delete');
    await page.getByRole('status').filter({ hasText: 'This image stays in its watched folder' }).waitFor();
    expect(await image.count()).toBe(1);
    expect(studio.pageErrors).toEqual([]);
  });
});
