import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const FOX = 'a red fox asleep in fresh snow, soft morning light';
const WHALE = 'a blue whale gliding under sea ice, seen from below';

describe('the studio: generate, find, inspect, compare, curate, and keep it all after a reload', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('generates two images, each appearing in the grid with its prompt as alt text', async () => {
    const { page } = studio;
    await generate(page, FOX);
    await galleryImage(page, FOX).waitFor();
    await generate(page, WHALE);
    await galleryImage(page, WHALE).waitFor();
    const alts = await page
      .getByRole('grid', { name: 'Library' })
      .getByRole('img')
      .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')));
    expect(alts).toEqual([WHALE, FOX]); // newest first
  });

  it('finds an image by full-text search', async () => {
    const { page } = studio;
    await page.keyboard.press('/');
    await page.getByLabel('Search', { exact: true }).fill('fox');
    await expect.poll(() => galleryImage(page, WHALE).count()).toBe(0);
    expect(await galleryImage(page, FOX).count()).toBe(1);
    await page.getByLabel('Search', { exact: true }).fill('');
    await galleryImage(page, WHALE).waitFor();
  });

  it('keeps the space just typed when the results for the word before it arrive', async () => {
    const { page } = studio;
    const box = page.getByLabel('Search', { exact: true });
    // Four keystrokes in one burst, as a fast typist on a busy machine gives them: the query
    // for "fox" leaves after the space is already in the box, and its answer must not take it out.
    await page.evaluate(`(() => {
      const box = document.querySelector('#library-search');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      for (const text of ['f', 'fo', 'fox', 'fox ']) {
        setValue.call(box, text);
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }
    })()`);
    await expect.poll(() => galleryImage(page, WHALE).count()).toBe(0);
    expect(await box.inputValue()).toBe('fox ');
    await box.pressSequentially('snow');
    await expect.poll(() => box.inputValue()).toBe('fox snow');
    expect(await galleryImage(page, FOX).count()).toBe(1);
    await box.fill('');
    await galleryImage(page, WHALE).waitFor();
  });

  it('opens an image with every parameter and locks its seed in the composer', async () => {
    const { page } = studio;
    await galleryImage(page, FOX).dblclick();
    const detail = page.getByRole('dialog', { name: 'Image detail' });
    await detail.getByText(FOX).first().waitFor();
    const seedText = (await detail.getByRole('row', { name: /^Seed/ }).getByRole('cell').textContent()) ?? '';
    expect(seedText).toMatch(/^\d+$/);
    await detail.getByRole('rowheader', { name: 'Model' }).waitFor();
    await page.screenshot({ path: screenshotPath('04-detail') });
    await detail.getByRole('button', { name: 'Reuse seed' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe(seedText);
    expect(await page.getByRole('radio', { name: 'Fixed' }).getAttribute('aria-checked')).toBe('true');
  });

  it('compares two images side by side and as a slider, highlighting differences', async () => {
    const { page } = studio;
    await galleryImage(page, FOX).click();
    await galleryImage(page, WHALE).click({ modifiers: ['Control'] });
    await page.getByRole('toolbar', { name: 'Selection' }).getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const compare = page.getByRole('dialog', { name: 'Compare images' });
    await compare.getByRole('img', { name: 'Image A' }).waitFor();
    expect(await compare.locator('tr[data-differs="true"] th').allTextContents()).toEqual(
      expect.arrayContaining(['Prompt', 'Seed']),
    );
    expect(await compare.locator('tr[data-differs="false"] th').allTextContents()).toContain('Model');
    await page.screenshot({ path: screenshotPath('05-compare') });
    await compare.getByRole('radio', { name: 'Slider (A / B)' }).click();
    await compare.getByRole('slider', { name: 'Divider: A left, B right' }).press('PageDown');
    await page.screenshot({ path: screenshotPath('06-compare-slider') });
    await page.keyboard.press('Escape');
    await expect.poll(() => compare.count()).toBe(0);
  });

  it('favourites with F, rates with a number key and filters by favourites', async () => {
    const { page } = studio;
    await galleryImage(page, FOX).click();
    await page.keyboard.press('f');
    await page.keyboard.press('4');
    const foxCell = page.getByRole('gridcell').filter({ has: page.getByAltText(FOX, { exact: true }) });
    await foxCell.getByText('♥').waitFor();
    await foxCell.getByText('★★★★').waitFor();
    await page.getByRole('button', { name: '♥ Favourites' }).click();
    await expect.poll(() => galleryImage(page, WHALE).count()).toBe(0);
    await page.getByRole('button', { name: '♥ Favourites' }).click();
    await galleryImage(page, WHALE).waitFor();
  });

  it('moves an image to the Trash with Delete', async () => {
    const { page } = studio;
    await galleryImage(page, WHALE).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => galleryImage(page, WHALE).count()).toBe(0);
    const sidebar = page.getByRole('navigation', { name: 'Projects' });
    await sidebar.getByRole('button', { name: /Trash\s*1/ }).click();
    await galleryImage(page, WHALE).waitFor();
    await sidebar.getByRole('button', { name: /All images/ }).click();
    await galleryImage(page, FOX).waitFor();
  });

  it('files an image into a new project, renames the project, and shows it per project', async () => {
    const { page } = studio;
    const sidebar = page.getByRole('navigation', { name: 'Projects' });
    await sidebar.getByRole('button', { name: '+ New project' }).click();
    await sidebar.getByLabel('New project name').fill('Winter');
    await sidebar.getByLabel('New project name').press('Enter');
    await sidebar.getByRole('button', { name: /^Winter/ }).waitFor();
    await galleryImage(page, FOX).click();
    await page
      .getByRole('toolbar', { name: 'Selection' })
      .getByLabel('Move to project')
      .selectOption({ label: 'Winter' });
    await sidebar.getByRole('button', { name: /^Winter\s*1$/ }).waitFor();
    await sidebar.getByRole('button', { name: 'Edit project Winter' }).click();
    await sidebar.getByLabel('New name for Winter').fill('Snow');
    await sidebar.getByRole('button', { name: 'Rename' }).click();
    await sidebar.getByRole('button', { name: /^Snow\s*1$/ }).click();
    await galleryImage(page, FOX).waitFor();
    await sidebar.getByRole('button', { name: /Unsorted/ }).click();
    await expect.poll(() => galleryImage(page, FOX).count()).toBe(0);
    await sidebar.getByRole('button', { name: /All images/ }).click();
    await galleryImage(page, FOX).waitFor();
  });

  it('finds everything as it was after reloading the page', async () => {
    const { page } = studio;
    await page.reload();
    await galleryImage(page, FOX).waitFor();
    expect(await galleryImage(page, WHALE).count()).toBe(0);
    const foxCell = page.getByRole('gridcell').filter({ has: page.getByAltText(FOX, { exact: true }) });
    await foxCell.getByText('♥').waitFor();
    await page
      .getByRole('navigation', { name: 'Projects' })
      .getByRole('button', { name: /Trash\s*1/ })
      .waitFor();
    await page
      .getByRole('navigation', { name: 'Projects' })
      .getByRole('button', { name: /^Snow\s*1$/ })
      .waitFor();
    await page.getByRole('region', { name: 'Queue' }).locator('[data-status="done"]').nth(1).waitFor();
    expect(await page.getByTestId('balance').textContent()).toMatch(/credits/);
    expect(studio.pageErrors).toEqual([]);
  });
});
