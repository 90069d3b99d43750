/**
 * The studio on a team library (issue 17), in Chromium through the web host: with Settings →
 * Library on Team (a real PostgreSQL and a shared folder), an image generated lands in the share
 * and its tile's thumbnail and the viewer's full image load — served read-only from the share and
 * this workstation's thumbnail cache under `team/<library id>/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { makeTeamLibrary } from '../support/store-test-kit';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const PROMPT = 'a lantern festival on the team share';

/** The picture's decoded width once it has loaded (0 while it has not, or when it failed). */
async function loadedWidth(image: Locator): Promise<number> {
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 })
    .toBe(true);
  return image.evaluate((img: HTMLImageElement) => img.naturalWidth);
}

describe('the studio on a team library', () => {
  let studio: Studio;
  let server: TestPostgres;
  let library: { url: string; folder: string };
  beforeAll(async () => {
    server = await startPostgres();
    library = await makeTeamLibrary(server);
    studio = await startStudio({
      viewport: { width: 1440, height: 900 },
      settingsAtStart: {
        library: { mode: 'team', databaseUrl: library.url, sharedFolder: library.folder },
        personName: 'Ada Lovelace',
      },
    });
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
    await server?.stop();
  });

  it('shows a generated image’s tile and its full image in the viewer, both from the team library', async () => {
    const { page } = studio;
    await generate(page, PROMPT);
    const tile = galleryImage(page, PROMPT);
    await tile.waitFor({ timeout: 60_000 });
    expect(await tile.getAttribute('src')).toMatch(/\/asset\/[^/]+\/team\/[0-9a-f-]{36}\/thumbs\/[0-9a-z]{26}\.webp$/);
    expect(await loadedWidth(tile)).toBeGreaterThan(0);

    await tile.dblclick();
    const full = page.getByRole('dialog', { name: 'Image detail' }).getByAltText(/^Full-size image/);
    await full.waitFor();
    const src = (await full.getAttribute('src')) ?? '';
    const file = /\/team\/[0-9a-f-]{36}\/(images\/\d{4}-\d{2}\/[0-9a-z]{26}\.\w+)$/.exec(src)?.[1];
    expect(file, src).toBeDefined();
    expect(fs.existsSync(path.join(library.folder, file!))).toBe(true);
    expect(await loadedWidth(full)).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('team-library-viewer') });
  });
});
