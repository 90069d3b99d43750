/**
 * A Fill whose mask is not the size of its image (a mask file made elsewhere, say) is refused in
 * the composer before anything is sent: both sizes at the mask slot, Generate disabled with why.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const png = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

describe('the composer and a mask of the wrong size', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('names both sizes at the mask slot, disables Generate with the reason and sends nothing', async () => {
    const { page } = studio;
    await page.getByLabel('Model', { exact: true }).selectOption('flux-pro-1.0-fill');
    await page.getByLabel('Prompt', { exact: true }).fill('a red door');
    const choose = page.getByLabel('Choose reference images');
    await choose.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: await png(480, 320, '#4a7') });
    await page.getByText('480×320').first().waitFor();
    await choose.setInputFiles({ name: 'mask.png', mimeType: 'image/png', buffer: await png(240, 160, '#fff') });
    const problem = page.getByRole('alert').filter({ hasText: 'the mask is 240×160 but its image is 480×320' });
    await problem.waitFor();
    const generate = page.getByRole('button', { name: 'Generate', exact: true });
    expect(await generate.isDisabled()).toBe(true);
    expect(await page.locator('#generate-why').textContent()).toMatch(/mask the size of its image/);
    await page.screenshot({ path: screenshotPath('h-mask-size') });
    await page.keyboard.press('Control+Enter');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(studio.fake.submits).toHaveLength(0);

    // A mask of the right size clears the refusal.
    await page.getByRole('button', { name: /^Remove mask/i }).click();
    await choose.setInputFiles({ name: 'mask.png', mimeType: 'image/png', buffer: await png(480, 320, '#fff') });
    await expect.poll(() => problem.count()).toBe(0);
    expect(await generate.isDisabled()).toBe(false);
    expect(studio.pageErrors).toEqual([]);
  });
});
