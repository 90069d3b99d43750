/**
 * The detail view as a viewer, in Chromium through the web host: previous/next in the gallery's
 * order (arrow keys and buttons), fit ↔ 100 % with the image at its natural size and panned by a
 * drag, the filmstrip, and Back after following a link in the chain of edits. The emulator sends
 * 1024×1024 images here (larger than the stage), so 100 % has something to pan.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const PROMPTS = ['a copper kettle on a stove', 'a field of lavender at noon', 'a harbour crane in rain'];
/** The gallery shows newest first. */
const GALLERY_ORDER = [...PROMPTS].reverse();

function detailOf(page: Page) {
  return page.getByRole('dialog', { name: 'Image detail' });
}

async function openDetail(page: Page, prompt: string) {
  await galleryImage(page, prompt).waitFor({ timeout: 60_000 });
  await galleryImage(page, prompt).dblclick();
  await detailOf(page).waitFor();
}

/** The prompt of the image the detail view shows. */
function shownPrompt(page: Page): Promise<string | null> {
  return detailOf(page).locator('.detail-prompt').first().textContent();
}

function fullImage(page: Page) {
  return detailOf(page).getByAltText(/^Full-size image/);
}

async function box(page: Page) {
  const b = await fullImage(page).boundingBox();
  if (!b) throw new Error('the full-size image has no box');
  return b;
}

describe('the detail view as a viewer', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio({ fake: { maxImageSide: 2048 } });
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
    for (const prompt of PROMPTS) {
      await generate(studio.page, prompt);
      await galleryImage(studio.page, prompt).waitFor({ timeout: 60_000 });
    }
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('steps to the next and previous image in the gallery’s order with → ← and the on-screen buttons', async () => {
    const { page } = studio;
    const grid = page.getByRole('grid', { name: 'Library' });
    expect(await grid.getByRole('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')))).toEqual(
      GALLERY_ORDER,
    );
    await openDetail(page, GALLERY_ORDER[0]!);
    const bar = detailOf(page).getByRole('toolbar', { name: 'Viewer' });
    expect(await shownPrompt(page)).toBe(GALLERY_ORDER[0]);
    await expect.poll(() => bar.getByTestId('viewer-position').textContent()).toBe('1 of 3');

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => shownPrompt(page)).toBe(GALLERY_ORDER[1]);
    await bar.getByRole('button', { name: 'Next image' }).click();
    await expect.poll(() => shownPrompt(page)).toBe(GALLERY_ORDER[2]);
    expect(await bar.getByRole('button', { name: 'Next image' }).isDisabled()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => shownPrompt(page)).toBe(GALLERY_ORDER[1]);
    await bar.getByRole('button', { name: 'Previous image' }).click();
    await expect.poll(() => shownPrompt(page)).toBe(GALLERY_ORDER[0]);
    expect(await bar.getByRole('button', { name: 'Previous image' }).isDisabled()).toBe(true);
  });

  it('shows the image at its natural size at 100 %, pans it by dragging, and fits again on a double-click', async () => {
    const { page } = studio;
    const zoomLevel = detailOf(page).getByTestId('zoom-level');
    await expect.poll(() => fullImage(page).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1024);
    expect(await zoomLevel.textContent()).toMatch(/^Fit · \d+ %$/);
    const fitted = await box(page);
    expect(fitted.width).toBeLessThan(1024);
    // A stage narrower and shorter than the image, so 100 % can pan both ways; the fit scale
    // changing says the viewer has seen the new size.
    const fitAtLarge = await zoomLevel.textContent();
    await page.setViewportSize({ width: 1200, height: 800 });
    await expect.poll(() => zoomLevel.textContent()).not.toBe(fitAtLarge);

    await page.keyboard.press('z');
    await expect.poll(() => zoomLevel.textContent()).toBe('100 %');
    const actual = await box(page);
    expect(actual.width).toBeCloseTo(1024, 0);
    expect(actual.height).toBeCloseTo(1024, 0);
    // Centred: as much of the image beyond the stage's left edge as beyond its right.
    const stage = (await detailOf(page).getByTestId('loupe').boundingBox())!;
    expect(stage.x - actual.x).toBeCloseTo(actual.x + actual.width - (stage.x + stage.width), 0);
    const from = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    // 100 % starts centred with ~100 px of image beyond each side, so this drag is not clamped.
    await page.mouse.move(from.x - 30, from.y - 20, { steps: 4 });
    await page.mouse.move(from.x - 60, from.y - 40, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await box(page)).x - actual.x).toBeCloseTo(-60, 0);
    const panned = await box(page);
    expect(panned.y - actual.y).toBeCloseTo(-40, 0);
    expect(panned.width).toBeCloseTo(1024, 0);

    // Zoomed, → pans the image rather than leaving it.
    await page.keyboard.press('ArrowRight');
    expect(await shownPrompt(page)).toBe(GALLERY_ORDER[0]);
    await expect.poll(async () => (await box(page)).x).toBeLessThan(panned.x);

    await page.mouse.dblclick(from.x, from.y);
    await expect.poll(() => zoomLevel.textContent()).toMatch(/^Fit/);
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(async () => (await box(page)).width).toBeCloseTo(fitted.width, 0);
  });

  it('opens the image clicked in the filmstrip and marks it as the current one', async () => {
    const { page } = studio;
    const strip = detailOf(page).getByRole('navigation', { name: 'Filmstrip' });
    expect(await strip.getByRole('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')))).toEqual(
      GALLERY_ORDER,
    );
    await strip.getByAltText(GALLERY_ORDER[2]!, { exact: true }).click();
    await expect.poll(() => shownPrompt(page)).toBe(GALLERY_ORDER[2]);
    expect(await strip.locator('[aria-current="true"] img').getAttribute('alt')).toBe(GALLERY_ORDER[2]);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: screenshotPath('viewer-1024x700') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.keyboard.press('Escape');
  });

  it('moves on to the image that took its place when the image shown is deleted', async () => {
    const { page } = studio;
    await openDetail(page, GALLERY_ORDER[1]!);
    const strip = detailOf(page).getByRole('navigation', { name: 'Filmstrip' });
    await page.keyboard.press('Delete');
    await expect.poll(() => shownPrompt(page)).toBe(GALLERY_ORDER[2]);
    await expect
      .poll(() => strip.getByRole('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt'))))
      .toEqual([GALLERY_ORDER[0], GALLERY_ORDER[2]]);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => shownPrompt(page)).toBe(GALLERY_ORDER[0]);
    await page.keyboard.press('Escape');
  });

  it('returns with Back (and Alt+←) to the image a chain-of-edits link was followed from', async () => {
    const { page } = studio;
    const source = PROMPTS[0]!;
    const edit = 'make the kettle blue';
    await openDetail(page, source);
    await detailOf(page).getByRole('button', { name: 'Edit…' }).click();
    await page.getByRole('img', { name: /^Reference 1: / }).waitFor();
    await page.keyboard.type(edit);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await openDetail(page, edit);

    const back = detailOf(page)
      .getByRole('toolbar', { name: 'Viewer' })
      .getByRole('button', { name: 'Back', exact: true });
    expect(await back.isDisabled()).toBe(true);
    const chain = detailOf(page).getByRole('region', { name: 'Chain of edits' });
    await chain.getByRole('button', { name: 'Source', exact: true }).click();
    await expect.poll(() => shownPrompt(page)).toBe(source);
    await back.click();
    await expect.poll(() => shownPrompt(page)).toBe(edit);
    expect(await back.isDisabled()).toBe(true);

    await chain.getByRole('button', { name: 'Source', exact: true }).click();
    await expect.poll(() => shownPrompt(page)).toBe(source);
    await expect.poll(() => fullImage(page).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1024);
    await chain.locator('[aria-current="step"]').getByText('Source').waitFor();
    await page.screenshot({ path: screenshotPath('viewer-1440x900') });
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => shownPrompt(page)).toBe(edit);
    expect(studio.pageErrors).toEqual([]);
  });
});
