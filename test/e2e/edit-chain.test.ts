/**
 * Edit by instruction in Chromium through the web host: Edit… on an image, then "Continue from
 * this" twice, gives three edits each made from the one before, shown as one chain in the detail
 * view. (That the chain survives a rebuild from the files alone is pinned in the core's
 * edit-chain.test.ts, on the same records.)
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

async function openDetail(page: Page, prompt: string) {
  await galleryImage(page, prompt).waitFor({ timeout: 60_000 });
  await galleryImage(page, prompt).dblclick();
  const detail = page.getByRole('dialog', { name: 'Image detail' });
  await detail.waitFor();
  return detail;
}

/** Types the instruction into the (already focused) prompt and sends it once the image is in its slot. */
async function instruct(studio: Studio, instruction: string): Promise<Record<string, unknown>> {
  const { page } = studio;
  await page.getByRole('img', { name: /^Reference 1: / }).waitFor();
  await page.keyboard.type(instruction);
  expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe(instruction);
  const before = studio.fake.submits.length;
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect.poll(() => studio.fake.submits.length).toBe(before + 1);
  return studio.fake.submits.at(-1)?.body as Record<string, unknown>;
}

describe('edit by instruction, then continue', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('chains three edits, each from the one before, and shows them as one strip', async () => {
    const { page } = studio;
    await generate(page, 'a red bicycle against a wall');
    let detail = await openDetail(page, 'a red bicycle against a wall');
    await detail.getByRole('button', { name: 'Edit…' }).click();
    expect(await page.getByLabel('Model', { exact: true }).inputValue()).toBe('flux-kontext-pro');
    const first = await instruct(studio, 'make the bicycle blue');
    expect(typeof first.input_image).toBe('string');
    expect(first.aspect_ratio).toBeUndefined();

    for (const [from, next] of [
      ['make the bicycle blue', 'add a wicker basket'],
      ['add a wicker basket', 'make it night'],
    ] as const) {
      detail = await openDetail(page, from);
      await detail.getByRole('button', { name: 'Continue from this' }).first().click();
      const body = await instruct(studio, next);
      expect(typeof body.input_image).toBe('string');
    }

    detail = await openDetail(page, 'make it night');
    const chain = detail.getByRole('region', { name: 'Chain of edits' });
    await expect
      .poll(() => chain.locator('.step-prompt').allTextContents())
      .toEqual(['a red bicycle against a wall', 'make the bicycle blue', 'add a wicker basket', 'make it night']);
    expect(await chain.locator('[aria-current="step"] .step-title').textContent()).toBe('Edit 3');
    await page.screenshot({ path: screenshotPath('editor-chain') });

    // Compare a step with its parent: the existing compare view opens on the two.
    await chain.getByRole('button', { name: 'Compare with edit 2' }).click();
    await page.getByRole('dialog', { name: /compare/i }).waitFor();
    await page.getByRole('button', { name: 'Close compare' }).click();
  });

  it('finds every edit of an image from its detail view, and the filter clears with one click', async () => {
    const { page } = studio;
    const detail = await openDetail(page, 'a red bicycle against a wall');
    await detail.getByRole('button', { name: 'Show all edits of this image in the grid' }).click();
    const grid = page.getByRole('grid', { name: 'Library' });
    await expect
      .poll(async () =>
        (await grid.getByRole('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')))).sort(),
      )
      .toEqual(['add a wicker basket', 'make it night', 'make the bicycle blue']);
    await page.getByRole('button', { name: 'Edits of one image ×' }).click();
    await galleryImage(page, 'a red bicycle against a wall').waitFor();
  });
});
