import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryImage, generate, setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const LIGHTHOUSE = 'a lighthouse on a basalt cliff at dawn';

describe('the grid: running jobs have a place, images keep their shape', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  const cells = () => studio.page.getByRole('grid', { name: 'Library' }).getByRole('gridcell');

  it('shows a placeholder tile where a running job’s image will land, replaced in place by the image', async () => {
    const { page } = studio;
    studio.fake.setTaskMs(2500);
    await generate(page, LIGHTHOUSE);
    const first = cells().first();
    await expect.poll(() => first.getAttribute('data-job-id')).not.toBeNull();
    expect(await first.textContent()).toMatch(/Queued|Sending|Generating|Downloading/);
    await page.screenshot({ path: screenshotPath('h-grid-placeholder') });
    await galleryImage(page, LIGHTHOUSE).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.thumb.pending').count()).toBe(0);
    expect(await first.getByRole('img').getAttribute('alt')).toBe(LIGHTHOUSE);
    studio.fake.setTaskMs(400);
  });

  it('keeps each image’s true aspect ratio and shows prompt, model and seed on hover', async () => {
    const { page } = studio;
    const composerSize = page.getByRole('group', { name: 'Size presets' });
    await composerSize.getByRole('button', { name: '16:9' }).click();
    await generate(page, 'a wide salt flat under a violet sky');
    await galleryImage(page, 'a wide salt flat under a violet sky').waitFor({ timeout: 30_000 });
    await composerSize.getByRole('button', { name: '9:16' }).click();
    await generate(page, 'a tall redwood trunk in fog');
    await galleryImage(page, 'a tall redwood trunk in fog').waitFor({ timeout: 30_000 });
    const box = async (prompt: string) => (await galleryImage(page, prompt).boundingBox())!;
    const wide = await box('a wide salt flat under a violet sky');
    const tall = await box('a tall redwood trunk in fog');
    expect(wide.width / wide.height).toBeCloseTo(16 / 9, 1);
    expect(tall.width / tall.height).toBeCloseTo(9 / 16, 1);
    await galleryImage(page, LIGHTHOUSE).hover();
    const caption = cells()
      .filter({ has: page.getByAltText(LIGHTHOUSE, { exact: true }) })
      .locator('.thumb-caption');
    expect(await caption.textContent()).toMatch(/lighthouse.*seed \d+/);
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await galleryImage(page, LIGHTHOUSE).hover();
      await page.screenshot({ path: screenshotPath(`h-studio-${width}x${height}`) });
    }
    expect(studio.pageErrors).toEqual([]);
  });

  it('shows a batch as one queue row with its count, and each job’s seed when expanded', async () => {
    const { page } = studio;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByLabel('Count', { exact: true }).fill('3');
    await page.getByRole('radio', { name: '+1 each run' }).click();
    await page.getByLabel('Seed', { exact: true }).fill('500');
    const prompt = 'three paper boats on a pond';
    await generate(page, prompt);
    const queue = page.getByRole('region', { name: 'Queue' });
    const batch = queue.getByRole('listitem', { name: `Batch of 3: ${prompt}` });
    await batch.getByTestId('batch-summary').getByText('3 of 3 done').waitFor({ timeout: 30_000 });
    await batch.getByRole('button', { name: 'Show jobs' }).click();
    expect(await batch.getByTestId('job-seed').allTextContents()).toEqual(['seed 500', 'seed 501', 'seed 502']);
    await page.screenshot({ path: screenshotPath('h-queue-batch') });
    await page.getByLabel('Count', { exact: true }).fill('1');
  });

  it('folds the queue to one line, remembered, so Count and Format come into view at 1440×900', async () => {
    const { page } = studio;
    await page.setViewportSize({ width: 1440, height: 900 });
    const composer = page.getByRole('form', { name: 'Composer' });
    // In view: nothing (the composer's sticky footer, the queue, the window's edge) covers the
    // control's top or bottom edge, without scrolling the composer.
    const inView = (label: string) =>
      page.getByLabel(label, { exact: true }).evaluate((control) => {
        const box = control.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const hit = (y: number) => {
          const found = document.elementFromPoint(x, y);
          return found !== null && (found === control || control.contains(found));
        };
        return hit(box.top + 2) && hit(box.bottom - 2);
      });
    await composer.evaluate((form) => form.scrollTo(0, 0));
    const queue = page.getByRole('region', { name: 'Queue' });
    expect(await inView('Count')).toBe(false);
    await queue.getByRole('button', { name: 'Queue', expanded: true }).click();
    expect(await queue.getByTestId('queue-summary').textContent()).toMatch(/^Nothing running$|running|queued/);
    expect(await queue.getByRole('listitem').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('h-queue-collapsed-1440x900') });
    expect(await inView('Count')).toBe(true);
    expect(await inView('Format')).toBe(true);
    await page.reload();
    await page.getByRole('region', { name: 'Queue' }).getByRole('button', { name: 'Queue', expanded: false }).click();
    await page.getByRole('region', { name: 'Queue' }).getByRole('listitem').first().waitFor();
  });
});
