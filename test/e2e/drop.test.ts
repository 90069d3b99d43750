import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const PROMPT = 'a copper kettle on a wood stove, steam rising';

describe('dropping images: a Seedbank file onto the window, a gallery image onto a reference slot', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
    await generate(studio.page, PROMPT);
    await galleryImage(studio.page, PROMPT).waitFor();
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('reads the record embedded in a dropped file and offers to reuse its parameters', async () => {
    const { page } = studio;
    const src = (await galleryImage(page, PROMPT).getAttribute('src')) ?? '';
    // The full image, not the thumbnail: that is the file carrying the record.
    await page.getByRole('gridcell').first().dblclick();
    const imageUrl =
      (await page.getByRole('dialog', { name: 'Image detail' }).getByRole('img').first().getAttribute('src')) ?? '';
    await page.keyboard.press('Escape');
    expect(imageUrl).not.toBe(src);
    const dataTransfer = await page.evaluateHandle(async (url) => {
      const blob = await (await fetch(url)).blob();
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'kettle.jpg', { type: blob.type }));
      return transfer;
    }, imageUrl);
    await page.getByLabel('Prompt', { exact: true }).fill('');
    await page.dispatchEvent('.gallery', 'drop', { dataTransfer });
    const dialog = page.getByRole('dialog', { name: 'kettle.jpg' });
    await dialog.getByText(PROMPT).waitFor();
    await page.screenshot({ path: screenshotPath('13-dropped-file') });
    await dialog.getByRole('button', { name: 'Reuse these parameters' }).click();
    expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe(PROMPT);
  });

  it('takes a thumbnail dragged from the gallery as a reference image', async () => {
    const { page } = studio;
    const id = (await page.getByRole('gridcell').first().getAttribute('data-id')) ?? '';
    const dataTransfer = await page.evaluateHandle((generationId) => {
      const transfer = new DataTransfer();
      transfer.setData('application/x-seedbank-generation', generationId);
      return transfer;
    }, id);
    await page.dispatchEvent('[aria-label^="Reference image slots"]', 'drop', { dataTransfer });
    await page.getByRole('button', { name: 'Remove Reference 1' }).waitFor();
    expect(await page.getByText('256×256').count()).toBeGreaterThan(0);
    expect(studio.pageErrors).toEqual([]);
  });
});
