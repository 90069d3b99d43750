import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const FOX = 'a red fox asleep in fresh snow';

describe('undo: delete, move and rate can be taken back', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
    await generate(studio.page, FOX);
    await galleryImage(studio.page, FOX).waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await studio?.close();
  });

  const foxCell = () =>
    studio.page.getByRole('gridcell').filter({ has: studio.page.getByAltText(FOX, { exact: true }) });
  const sidebar = () => studio.page.getByRole('navigation', { name: 'Projects' });

  it('undoes a rating with Ctrl+Z', async () => {
    const { page } = studio;
    await galleryImage(page, FOX).click();
    await page.keyboard.press('4');
    await foxCell().getByText('★★★★').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => foxCell().getByText('★').count()).toBe(0);
    await page.getByRole('status').filter({ hasText: 'Undone' }).waitFor();
  });

  it('undoes a move into a project with the toast’s Undo button', async () => {
    const { page } = studio;
    await sidebar().getByRole('button', { name: '+ New project' }).click();
    await sidebar().getByLabel('New project name').fill('Winter');
    await sidebar().getByLabel('New project name').press('Enter');
    await sidebar()
      .getByRole('button', { name: /^Winter/ })
      .waitFor();
    await galleryImage(page, FOX).click();
    await page
      .getByRole('toolbar', { name: 'Selection' })
      .getByLabel('Move to project')
      .selectOption({ label: 'Winter' });
    await sidebar()
      .getByRole('button', { name: /^Winter\s*1$/ })
      .waitFor();
    const toast = page.getByRole('status').filter({ hasText: 'Moved 1 image' });
    await page.screenshot({ path: screenshotPath('h-undo-toast') });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await sidebar()
      .getByRole('button', { name: /^Unsorted\s*1$/ })
      .waitFor();
    await sidebar()
      .getByRole('button', { name: /^Winter\s*0$/ })
      .waitFor();
  });

  it('undoes a delete with Ctrl+Z: the image is back in the grid and the Trash is empty', async () => {
    const { page } = studio;
    await galleryImage(page, FOX).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => galleryImage(page, FOX).count()).toBe(0);
    await sidebar()
      .getByRole('button', { name: /^Trash\s*1$/ })
      .waitFor();
    await page.keyboard.press('Control+z');
    await galleryImage(page, FOX).waitFor();
    await sidebar()
      .getByRole('button', { name: /^Trash\s*0$/ })
      .waitFor();
    expect(studio.pageErrors).toEqual([]);
  });
});
