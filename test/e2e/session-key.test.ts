import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate } from './support/actions';
import { screenshotPath } from './support/browser';
import { startStudio, type Studio } from './support/studio';

/** A key nobody else uses, so finding its text anywhere means this test leaked it. */
const SESSION_KEY = 'bfl-session-only-7Q3Zk9Wm';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

describe('no keychain: a key for this session only', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio({ hostEnv: { SEEDBANK_KEYCHAIN: 'none' } });
    studio.fake.keys.add(SESSION_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('offers "Use for this session only" beside the explanation instead of a dead end', async () => {
    const step = studio.page.getByRole('region', { name: 'Add your BFL API key' });
    await step
      .getByText(/No OS keychain is reachable/)
      .first()
      .waitFor();
    expect(await step.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    await step.getByLabel('Your BFL API key').fill(SESSION_KEY);
    await studio.page.screenshot({ path: screenshotPath('h-session-key') });
    await step.getByRole('button', { name: 'Use for this session only' }).click();
    await expect.poll(() => step.count()).toBe(0);
  });

  it('generates with it, and the key is in no file of the library afterwards', async () => {
    const { page } = studio;
    const prompt = 'a tin robot watering a fern';
    await generate(page, prompt);
    await galleryImage(page, prompt).waitFor({ timeout: 30_000 });
    expect(studio.fake.submits.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    expect(await page.getByTestId('key-status').textContent()).toMatch(/this session only/);
    // Stop the host so every file (database, WAL, log, settings, images) is complete on disk.
    await studio.host.stop();
    const files = filesUnder(studio.home);
    expect(files.length).toBeGreaterThan(3);
    const leaking = files.filter((file) => fs.readFileSync(file).includes(SESSION_KEY));
    expect(leaking).toEqual([]);
  });
});
