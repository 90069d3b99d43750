import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

describe('first run: from no key to a first image', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('says clearly that a key is needed before anything is sent', async () => {
    const { page } = studio;
    await page.getByRole('alert').filter({ hasText: 'No API key is set' }).first().waitFor();
    await page.screenshot({ path: screenshotPath('01-first-run') });
    await generate(page, 'a lighthouse at dawn');
    const notice = page.locator('[data-code="KEY_MISSING"]').first();
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Settings');
    expect(studio.fake.submits).toHaveLength(0);
  });

  it('sets a key in Settings and shows only its last four characters', async () => {
    const { page } = studio;
    await setKeyInSettings(page, DEFAULT_FAKE_KEY);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const status = await page.getByTestId('key-status').textContent();
    expect(status).toContain(DEFAULT_FAKE_KEY.slice(-4));
    expect(status).not.toContain(DEFAULT_FAKE_KEY);
    expect(await page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
    await page.getByRole('button', { name: 'Test key' }).click();
    await page.getByText(/The key works\. Balance: [\d,.]+ credits/).waitFor();
    // Where to look when something goes wrong: Settings names the log file of this library.
    expect(await page.getByTestId('log-file').textContent()).toBe(path.join(studio.home, 'logs', 'seedbank.log'));
    await page.screenshot({ path: screenshotPath('02-settings') });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('generates an image through the emulator, watches the queue, and shows it in the grid', async () => {
    const { page } = studio;
    const prompt = 'a lighthouse at dawn, oil painting';
    await generate(page, prompt);
    const queue = page.getByRole('region', { name: 'Queue' });
    await queue.getByRole('listitem').filter({ hasText: prompt }).first().waitFor();
    await galleryImage(page, prompt).waitFor({ timeout: 30_000 });
    await queue.locator('[data-status="done"]').first().waitFor();
    expect(studio.fake.submits).toHaveLength(1);
    await page.screenshot({ path: screenshotPath('03-studio') });
    expect(studio.pageErrors).toEqual([]);
  });
});
