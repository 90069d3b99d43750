/**
 * Compare in Chromium through the web host: the slider's divider dragged on the image itself, side
 * by side panes that zoom and pan together, the prompts diffed word by word, a survey of three
 * narrowed to two, and a parameter table that does not stretch across a 1920 px screen.
 */
import type { Locator, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unnamedControls } from './support/a11y';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const RED = 'a red fox asleep in fresh snow, soft morning light';
const GREY = 'a grey fox asleep in fresh snow, soft morning light';
const AWAKE = 'a red fox awake in fresh snow under a violet evening sky';

/** Selects these images in this order (A, B, …) and opens compare from the selection bar. */
async function compare(page: Page, prompts: string[]): Promise<Locator> {
  await page.keyboard.press('Escape');
  const [first, ...rest] = prompts;
  await galleryImage(page, first!).click();
  for (const prompt of rest) await galleryImage(page, prompt).click({ modifiers: ['Control'] });
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await bar.getByText(`${prompts.length} selected`).waitFor();
  await bar.getByRole('button', { name: 'Compare', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare images' });
  await dialog.getByRole('heading', { name: `Compare ${prompts.length} images` }).waitFor();
  return dialog;
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

describe('compare: drag on the image, zoom together, see which words changed, survey', () => {
  let studio: Studio;
  beforeAll(async () => {
    // Full-size images, so 100 % and zooming show real pixels.
    studio = await startStudio({ fake: { maxImageSide: 1024 } });
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
    for (const prompt of [RED, GREY, AWAKE]) {
      await generate(studio.page, prompt);
      await galleryImage(studio.page, prompt).waitFor({ timeout: 30_000 });
    }
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('moves the divider to where the image is pressed and dragged, and with the arrow keys', async () => {
    const { page } = studio;
    const dialog = await compare(page, [RED, GREY]);
    await dialog.getByRole('radio', { name: 'Slider (A / B)' }).click();
    const divider = dialog.getByRole('slider', { name: 'Divider: A left, B right' });
    expect(await divider.getAttribute('aria-valuenow')).toBe('50');
    const stage = dialog.getByTestId('compare-stage');
    await dialog.getByRole('img', { name: 'Image A' }).waitFor();
    const s = await box(stage);
    await page.mouse.move(s.x + s.width * 0.2, s.y + s.height * 0.5);
    await page.mouse.down();
    await expect.poll(async () => Number(await divider.getAttribute('aria-valuenow'))).toBeCloseTo(20, 0);
    await page.mouse.move(s.x + s.width * 0.7, s.y + s.height * 0.3, { steps: 5 });
    await page.mouse.up();
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBeCloseTo(70, 0);
    // The press focused the divider: the arrows go on from where the pointer left it.
    const before = Number(await divider.getAttribute('aria-valuenow'));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBeCloseTo(before - 2, 5);
    await page.keyboard.press('Shift+ArrowRight');
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBeCloseTo(before + 8, 5);
    // The handle sits where the value says, and the images carry their letters.
    const d = await box(divider);
    expect((d.x + d.width / 2 - s.x) / s.width).toBeCloseTo((before + 8) / 100, 1);
    expect(await stage.locator('.ab-label').allTextContents()).toEqual(['A', 'B']);
    expect(await unnamedControls(page)).toEqual([]);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.screenshot({ path: screenshotPath('compare') });
  });

  it('marks the changed word of each prompt, A’s removed and B’s added, under A and B headers', async () => {
    const { page } = studio;
    const dialog = page.getByRole('dialog', { name: 'Compare images' });
    const table = dialog.getByRole('table');
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Parameter', 'A', 'B']);
    const prompt = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Prompt' }) });
    expect(await prompt.locator('del').allTextContents()).toEqual(['red']);
    expect(await prompt.locator('ins').allTextContents()).toEqual(['grey']);
    expect(await prompt.getByRole('cell').allTextContents()).toEqual([RED, GREY]);
  });

  it('zooms and pans B with A side by side, and fits or shows 100 % for both', async () => {
    const { page } = studio;
    const dialog = page.getByRole('dialog', { name: 'Compare images' });
    await dialog.getByRole('radio', { name: 'Side by side' }).click();
    const paneA = dialog.getByTestId('pane-A');
    const paneB = dialog.getByTestId('pane-B');
    const imgA = paneA.getByRole('img', { name: 'Image A' });
    const imgB = paneB.getByRole('img', { name: 'Image B' });
    const zoom = dialog.getByTestId('compare-zoom');
    await expect.poll(() => zoom.textContent()).toMatch(/^\d+ %$/);
    const fitted = await zoom.textContent();
    const fittedWidth = (await box(imgB)).width;
    expect(await unnamedControls(page)).toEqual([]);

    /** Where an image is drawn, relative to its pane. */
    const placed = async (img: Locator, pane: Locator) => {
      const [i, p] = [await box(img), await box(pane)];
      return { x: i.x - p.x, y: i.y - p.y, width: i.width, height: i.height };
    };

    // Wheel over A, off-centre: B zooms the same amount about the same point.
    const a = await box(paneA);
    await page.mouse.move(a.x + a.width * 0.3, a.y + a.height * 0.4);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await box(imgB)).width).toBeGreaterThan(fittedWidth * 2);
    expect(await zoom.textContent()).not.toBe(fitted);
    const zoomedA = await placed(imgA, paneA);
    const zoomedB = await placed(imgB, paneB);
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(zoomedB[key]).toBeCloseTo(zoomedA[key], 0);

    // Drag B: A pans with it.
    const b = await box(paneB);
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2 - 120, b.y + b.height / 2 + 60, { steps: 4 });
    await page.mouse.up();
    const pannedA = await placed(imgA, paneA);
    expect(pannedA.x - zoomedA.x).toBeCloseTo(-120, 0);
    expect(pannedA.y - zoomedA.y).toBeCloseTo(60, 0);
    expect((await placed(imgB, paneB)).x).toBeCloseTo(pannedA.x, 0);
    await page.screenshot({ path: screenshotPath('compare-side-zoomed') });

    // 100 %: one image pixel per screen pixel in both; Fit: both whole again.
    await dialog.getByRole('button', { name: '100 %' }).click();
    expect(await zoom.textContent()).toBe('100 %');
    const natural = await imgB.evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect((await box(imgA)).width).toBeCloseTo(natural, 0);
    expect((await box(imgB)).width).toBeCloseTo(natural, 0);
    await dialog.getByRole('button', { name: 'Fit' }).click();
    expect(await zoom.textContent()).toBe(fitted);
    expect((await box(imgA)).width).toBeCloseTo(fittedWidth, 0);
    expect(studio.pageErrors).toEqual([]);
  });

  it('surveys three images with their key parameters, marks one and removes one, leaving two', async () => {
    const { page } = studio;
    const dialog = await compare(page, [RED, GREY, AWAKE]);
    const survey = dialog.getByRole('list', { name: 'Survey' });
    const cells = survey.getByRole('listitem');
    await expect.poll(() => cells.count()).toBe(3);
    expect(await dialog.getByRole('radio', { name: 'Survey' }).getAttribute('aria-checked')).toBe('true');
    const c = cells.filter({ has: page.getByRole('img', { name: 'Image C' }) });
    expect(await c.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['Model', 'Seed', 'Size']));
    expect(await c.locator('ins').allTextContents()).toEqual(['awake', 'under a violet evening sky']);
    const markA = survey.getByRole('button', { name: 'Mark A' });
    await markA.click();
    expect(await markA.getAttribute('aria-pressed')).toBe('true');
    await dialog.getByRole('button', { name: 'Favourite marked (1)' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('compare-survey') });

    // With three, the slider keeps A left and takes any of the others right of the divider.
    await dialog.getByRole('radio', { name: 'Slider (A / B)' }).click();
    await dialog
      .getByRole('radiogroup', { name: 'Right of the divider (A is left)' })
      .getByRole('radio', { name: 'A / C' })
      .click();
    await dialog.getByTestId('compare-stage').getByRole('img', { name: 'Image C' }).waitFor();
    await dialog.getByRole('radio', { name: 'Survey' }).click();

    await survey.getByRole('button', { name: 'Remove B from the survey' }).click();
    await expect.poll(() => cells.count()).toBe(2);
    await dialog.getByRole('heading', { name: 'Compare 2 images' }).waitFor();
    expect(await survey.getByRole('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')))).toEqual([
      'Image A',
      'Image C',
    ]);
    // Compare needs two: neither can be removed now. The table follows the survey.
    expect(
      await survey
        .getByRole('button', { name: /^Remove . from the survey$/ })
        .evaluateAll((bs) => bs.map((b) => (b as HTMLButtonElement).disabled)),
    ).toEqual([true, true]);
    expect(await dialog.getByRole('table').getByRole('columnheader').allTextContents()).toEqual([
      'Parameter',
      'A',
      'C',
    ]);
    expect(await markA.getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps every parameter column readable at 1920 px: none wider than 400 px, long prompts wrap', async () => {
    const { page } = studio;
    await page.setViewportSize({ width: 1920, height: 1080 });
    const dialog = await compare(page, [RED, AWAKE]);
    // Below the panes side by side, and beside the slider (a wide screen has room for both).
    for (const mode of ['Side by side', 'Slider (A / B)']) {
      await dialog.getByRole('radio', { name: mode }).click();
      const widths = await dialog
        .getByRole('table')
        .locator('th, td')
        .evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
      expect(widths.length).toBeGreaterThan(6);
      expect(Math.max(...widths)).toBeLessThanOrEqual(400);
    }
    await page.screenshot({ path: screenshotPath('compare-1920') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
