import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unnamedControls } from './support/a11y';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

describe('accessible names and themes', () => {
  let studio: Studio;
  const prompt = 'a tidal pool with starfish, overcast light';
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
    await generate(studio.page, prompt);
    await galleryImage(studio.page, prompt).waitFor();
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('names Prompt, Generate, Seed and Search exactly once each', async () => {
    const { page } = studio;
    expect(await page.getByLabel('Prompt', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Generate', exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Seed', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Search', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Prompt' }).count()).toBe(1);
    expect(await page.getByRole('spinbutton', { name: 'Seed' }).count()).toBe(1);
  });

  it('gives every control on the main screen, detail, compare and settings a name', async () => {
    const { page } = studio;
    expect(await unnamedControls(page)).toEqual([]);
    await galleryImage(page, prompt).dblclick();
    await page.getByRole('dialog', { name: 'Image detail' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('switches to the light theme and keeps it after a reload', async () => {
    const { page } = studio;
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('radio', { name: 'Light' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.reload();
    await galleryImage(page, prompt).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.screenshot({ path: screenshotPath('12-light-theme') });
    expect(studio.pageErrors).toEqual([]);
  });
});
