import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comfyGraph, withPngTexts } from '../support/foreign-fixtures';
import { makeTempDir } from '../support/temp';
import { BIN, cliEnv } from '../cli/cli-harness';
import { galleryImage } from './support/actions';
import { startStudio, type Studio } from './support/studio';

const COMFY_PROMPT = 'a glass greenhouse in the snow\nvolumetric morning light';

async function comfyPng(seed: number): Promise<Buffer> {
  const data = Buffer.alloc(64 * 48 * 3).map((_, i) => (i * 31 + seed * 97) % 256);
  const png = await sharp(data, { raw: { width: 64, height: 48, channels: 3 } })
    .png()
    .toBuffer();
  return withPngTexts(png, [{ type: 'tEXt', keyword: 'prompt', text: JSON.stringify(comfyGraph()) }]);
}

describe('images other tools made, in the studio', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('reads a dropped ComfyUI file and reuses only what FLUX can use, saying what it leaves', async () => {
    const { page } = studio;
    const bytes = (await comfyPng(1)).toString('base64');
    const dataTransfer = await page.evaluateHandle((base64) => {
      const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([raw], 'ComfyUI_00001_.png', { type: 'image/png' }));
      return transfer;
    }, bytes);
    await page.dispatchEvent('.gallery', 'drop', { dataTransfer });
    const dialog = page.getByRole('dialog', { name: 'ComfyUI_00001_.png' });
    await dialog.getByText('Original parameters text').waitFor();
    expect(await dialog.locator('.source-badge').textContent()).toBe('ComfyUI');
    await dialog.getByRole('button', { name: 'Reuse these parameters' }).click();
    expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe(COMFY_PROMPT);
    await page.getByText(/sampler, steps and its model \(juggernaut_xl\.safetensors\) do not apply to FLUX/).waitFor();
  });

  it('shows an imported image with its tool as a badge, a filter and its original text in the detail', async () => {
    const { page } = studio;
    const source = makeTempDir('seedbank-e2e-foreign-');
    fs.writeFileSync(path.join(source, 'ComfyUI_00002_.png'), await comfyPng(2));
    fs.writeFileSync(
      path.join(source, 'IMG_0001.png'),
      await sharp(Buffer.alloc(64 * 48 * 3, 90), {
        raw: { width: 64, height: 48, channels: 3 },
      })
        .png()
        .toBuffer(),
    );
    execFileSync(process.execPath, [BIN, 'import', source], {
      env: cliEnv({ home: studio.home, apiBase: studio.fake.apiBase }),
      stdio: 'pipe',
    });
    await page.reload();
    await galleryImage(page, COMFY_PROMPT).waitFor();
    const tile = page.getByRole('gridcell').filter({ has: page.getByAltText(COMFY_PROMPT, { exact: true }) });
    expect(await tile.locator('.source-badge').textContent()).toBe('ComfyUI');
    await page.getByLabel('Filter by the tool it was made with').selectOption('comfyui');
    await expect.poll(() => page.getByRole('gridcell').count()).toBe(1);
    await tile.dblclick();
    const detail = page.getByRole('dialog', { name: 'Image detail' });
    await detail.getByText('imported from ComfyUI_00002_.png').waitFor();
    await detail.getByText('Original parameters text').click();
    expect(await detail.locator('.original-parameters').textContent()).toBe(JSON.stringify(comfyGraph()));
    expect(studio.pageErrors).toEqual([]);
  });
});
