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

  it('shows one first step, "Add your BFL API key", and Generate says why it is disabled', async () => {
    const { page } = studio;
    const step = page.getByRole('region', { name: 'Add your BFL API key' });
    await step.waitFor();
    expect(await step.getByRole('link', { name: 'BFL dashboard' }).getAttribute('href')).toBe(
      'https://dashboard.bfl.ai/',
    );
    await step.getByRole('button', { name: 'Test', exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('01-first-run') });
    await page.getByLabel('Prompt', { exact: true }).fill('a lighthouse at dawn');
    const button = page.getByRole('button', { name: 'Generate', exact: true });
    expect(await button.isDisabled()).toBe(true);
    expect(await page.locator(`#${await button.getAttribute('aria-describedby')}`).textContent()).toMatch(/API key/);
    // The keyboard shortcut does not send either: nothing is queued, nothing reaches BFL.
    await page.keyboard.press('Control+Enter');
    expect(await page.getByRole('region', { name: 'Queue' }).getByRole('listitem').count()).toBe(0);
    expect(studio.fake.submits).toHaveLength(0);
  });

  it('tests a typed key in the first step without keeping it, and refuses to save a key BFL rejects', async () => {
    const { page } = studio;
    const step = page.getByRole('region', { name: 'Add your BFL API key' });
    await step.getByLabel('Your BFL API key').fill('not-the-right-key-0000');
    await step.getByRole('button', { name: 'Test', exact: true }).click();
    await step.locator('[data-code="KEY_REJECTED"]').waitFor();
    await step.getByRole('button', { name: 'Save', exact: true }).click();
    await step.getByText(/not saved/).waitFor();
    expect(await step.isVisible()).toBe(true);
    await step.getByLabel('Your BFL API key').fill(DEFAULT_FAKE_KEY);
    await step.getByRole('button', { name: 'Test', exact: true }).click();
    await step.getByText(/The key works\. Balance/).waitFor();
    // Tested, not saved: the step is still there.
    expect(await step.isVisible()).toBe(true);
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
