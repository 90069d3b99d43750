import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .png()
    .toBuffer();
}

describe('errors at the control that caused them', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('marks the field a 422 names in its loc, until the next Generate', async () => {
    const { page } = studio;
    studio.fake.setNext({
      kind: 'http',
      status: 422,
      detail: [
        { loc: ['body', 'seed'], msg: 'Input should be less than or equal to 4294967295', type: 'less_than_equal' },
      ],
    });
    const seed = page.getByLabel('Seed', { exact: true });
    expect(await seed.getAttribute('aria-invalid')).not.toBe('true');
    await generate(page, 'a lantern in the rain');
    await page
      .getByRole('region', { name: 'Queue' })
      .locator('[data-code="INVALID_INPUT"]')
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => seed.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: screenshotPath('h-422-field') });
    await generate(page, 'a lantern in the rain, at dusk');
    await expect.poll(() => seed.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('says so beside the size when it snaps a typed width (1000 → 1008)', async () => {
    const { page } = studio;
    const width = page.getByLabel('Width', { exact: true });
    await width.fill('1000');
    await width.press('Tab');
    expect(await width.inputValue()).toBe('1008');
    expect(await page.getByTestId('size-adjusted').textContent()).toMatch(
      /Adjusted 1000 × \d+ to 1008 × \d+ \(multiples of 16/,
    );
  });

  it('says which references a model switch removed, and Undo brings model and images back', async () => {
    const { page } = studio;
    const chooser = page.getByLabel('Choose reference images');
    await chooser.setInputFiles({ name: 'fog.png', mimeType: 'image/png', buffer: await png(64, 48) });
    await page.getByText('64×48').waitFor();
    await chooser.setInputFiles({ name: 'moss.png', mimeType: 'image/png', buffer: await png(40, 40) });
    await page.getByText('40×40').waitFor();
    const model = page.getByLabel('Model', { exact: true });
    await model.selectOption('flux-dev');
    const notice = page.getByTestId('references-dropped');
    expect(await notice.textContent()).toMatch(/removed moss\.png/);
    await notice.getByRole('button', { name: 'Undo' }).click();
    expect(await model.inputValue()).toBe('flux-2-pro');
    await page.getByText('40×40').waitFor();
    await page.getByText('64×48').waitFor();
    expect(studio.pageErrors).toEqual([]);
  });
});
