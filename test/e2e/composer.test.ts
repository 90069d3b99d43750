import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .png()
    .toBuffer();
}

describe('the composer, built from the model catalog', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('shows only the fields the chosen model takes', async () => {
    const { page } = studio;
    const model = page.getByLabel('Model', { exact: true });
    await model.selectOption('flux-kontext-pro');
    await page.getByLabel('Aspect ratio').waitFor();
    expect(await page.getByLabel('Width', { exact: true }).count()).toBe(0);
    expect(await page.getByLabel('Prompt upsampling').count()).toBe(1);
    await model.selectOption('flux-2-flex');
    await page.getByLabel(/^Guidance/).waitFor();
    await page.getByLabel(/^Steps/).waitFor();
    await model.selectOption('flux-2-pro');
    expect(await page.getByLabel(/^Guidance/).count()).toBe(0);
  });

  it('snaps a free width to the model’s rule', async () => {
    const { page } = studio;
    const width = page.getByLabel('Width', { exact: true });
    await width.fill('1000');
    await width.press('Tab');
    expect(await width.inputValue()).toBe('1008');
    await page.getByRole('button', { name: '16:9' }).click();
    // The preset lands after the blur's snap commits; read once it has rendered.
    await expect.poll(() => width.inputValue()).not.toBe('1008');
  });

  it('uploads reference images, shows their size, and refuses what the model cannot take', async () => {
    const { page } = studio;
    const chooser = page.getByLabel('Choose reference images');
    await chooser.setInputFiles({ name: 'ref.png', mimeType: 'image/png', buffer: await png(64, 48) });
    await page.getByText('64×48').waitFor();
    await chooser.setInputFiles({ name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await page.getByRole('alert').filter({ hasText: 'JPEG, PNG or WebP' }).waitFor();
    await page.getByLabel('Model', { exact: true }).selectOption('flux-pro-1.1');
    await chooser.setInputFiles({ name: 'second.png', mimeType: 'image/png', buffer: await png(32, 32) });
    await page.getByRole('alert').filter({ hasText: 'takes at most 1 reference image' }).waitFor();
    await page.screenshot({ path: screenshotPath('10-composer-references') });
    await page.getByLabel('Model', { exact: true }).selectOption('flux-2-pro');
    await page.getByRole('button', { name: /^Remove reference 1$/i }).click();
  });

  it('asks before sending a batch whose estimate passes the threshold', async () => {
    const { page } = studio;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const threshold = page.getByLabel('Ask before sending a batch above (credits)');
    await threshold.fill('5');
    await threshold.press('Tab');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByLabel('Prompt', { exact: true }).fill('three cups of tea');
    await page.getByLabel('Count', { exact: true }).fill('3');
    const before = studio.fake.submits.length;
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Send this batch?' });
    await dialog.waitFor();
    await page.screenshot({ path: screenshotPath('11-cost-confirm') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(studio.fake.submits.length).toBe(before);
    await page.getByLabel('Count', { exact: true }).fill('1');
  });

  it('generates with Ctrl+Enter, steps the seed by one, and recalls the prompt with ↑', async () => {
    const { page } = studio;
    await page.getByRole('radio', { name: '+1 each run' }).click();
    await page.getByLabel('Seed', { exact: true }).fill('100');
    const prompt = page.getByLabel('Prompt', { exact: true });
    await prompt.fill('a single paper crane');
    const before = studio.fake.submits.length;
    await prompt.press('Control+Enter');
    await expect.poll(() => studio.fake.submits.length).toBe(before + 1);
    expect((studio.fake.submits.at(-1)?.body as { seed?: number }).seed).toBe(100);
    await expect.poll(() => page.getByLabel('Seed', { exact: true }).inputValue()).toBe('101');
    await prompt.fill('');
    await prompt.press('ArrowUp');
    expect(await prompt.inputValue()).toBe('a single paper crane');
  });

  it('sends a batch: every image gets its own job in the queue and lands in the grid', async () => {
    const { page } = studio;
    await page.getByLabel('Prompt', { exact: true }).fill('a row of glass bottles on a sunlit sill');
    await page.getByRole('radio', { name: 'Random' }).click();
    await page.getByLabel('Count', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Send this batch?' });
    await dialog.getByRole('button', { name: 'Send anyway' }).click();
    const grid = page.getByRole('grid', { name: 'Library' });
    await expect
      .poll(() => grid.getByAltText('a row of glass bottles on a sunlit sill', { exact: true }).count(), {
        timeout: 60_000,
      })
      .toBe(4);
    await page.getByLabel('Count', { exact: true }).fill('1');
    await page.screenshot({ path: screenshotPath('03b-studio-batch') });
  });

  it('moves through the gallery with the arrow keys, opens with Enter and steps in the detail view', async () => {
    const { page } = studio;
    const cells = page.getByRole('gridcell');
    await cells.first().click();
    await page.keyboard.press('ArrowRight');
    const second = (await cells.nth(1).getAttribute('data-id')) ?? '';
    expect(await cells.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    const detail = page.getByRole('dialog', { name: 'Image detail' });
    await detail.waitFor();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => cells.nth(2).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('[role=gridcell][aria-selected=true]').getAttribute('data-id')).toBe(second);
  });

  it('opens the shortcut sheet with ? and closes it with Esc', async () => {
    const { page } = studio;
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
    expect(studio.pageErrors).toEqual([]);
  });
});
