/**
 * The editors in Chromium through the web host: a mask painted on the image reaches the emulator as
 * a PNG of the image's exact size (white where painted), with undo, invert and the image's own
 * transparency; the expand handles and presets reach it as top/bottom/left/right.
 */
import sharp from 'sharp';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unnamedControls } from './support/a11y';
import { setKeyInSettings } from './support/actions';
import { screenshotPath } from './support/browser';
import { DEFAULT_FAKE_KEY, startStudio, type Studio } from './support/studio';

const W = 480;
const H = 320;

/** A small landscape (sky, sun, hills) so the screenshots show something real. */
function scene(width: number, height: number, transparentLeft = false): Promise<Buffer> {
  const cut = transparentLeft ? `<rect x="0" y="0" width="${width / 2}" height="${height}" fill="#000"/>` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f7b267"/><stop offset="1" stop-color="#f4845f"/></linearGradient>
    <mask id="m"><rect width="100%" height="100%" fill="#fff"/>${cut}</mask></defs>
    <g mask="url(#m)"><rect width="100%" height="100%" fill="url(#s)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.4}" r="${height * 0.16}" fill="#fff3b0"/>
    <path d="M0 ${height * 0.75} Q ${width * 0.3} ${height * 0.5} ${width * 0.6} ${height * 0.72} T ${width} ${height * 0.65} V ${height} H 0 Z" fill="#355070"/></g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The mask the emulator received with the last submit, as one grey value per pixel. */
async function lastMask(studio: Studio): Promise<{ width: number; height: number; grey: Uint8Array }> {
  const body = studio.fake.submits.at(-1)?.body as { mask?: unknown } | undefined;
  expect(typeof body?.mask).toBe('string');
  const png = Buffer.from(body?.mask as string, 'base64');
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0; i < grey.length; i++) {
    const [r, g, b] = [data[i * info.channels]!, data[i * info.channels + 1]!, data[i * info.channels + 2]!];
    expect(r === g && g === b).toBe(true);
    grey[i] = r;
  }
  return { width: info.width, height: info.height, grey };
}

const pixel = (m: { width: number; grey: Uint8Array }, x: number, y: number) => m.grey[y * m.width + x];

/** The editor at the studio's size and at a small laptop's, for the README and to check the layout. */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name) });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: screenshotPath(`${name}-1024`) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function submitAndWait(studio: Studio): Promise<void> {
  const before = studio.fake.submits.length;
  await studio.page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect.poll(() => studio.fake.submits.length).toBe(before + 1);
}

async function uploadImage(page: Page, buffer: Buffer, name: string): Promise<void> {
  const remove = page.getByRole('button', { name: /^Remove / });
  while ((await remove.count()) > 0) await remove.first().click();
  await page.getByLabel('Choose reference images').setInputFiles({ name, mimeType: 'image/png', buffer });
  await page.getByText(`${W}×${H}`).first().waitFor();
}

/** Drags across the image from one image pixel to another (the overlay canvas is the image's box). */
async function paintLine(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = await page.getByLabel('Mask overlay').boundingBox();
  if (!box) throw new Error('no mask overlay');
  const at = ([x, y]: [number, number]) => [box.x + (x * box.width) / W, box.y + (y * box.height) / H] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at(to), { steps: 12 });
  await page.mouse.up();
}

async function openPainter(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Paint|Repaint) mask…$/ }).click();
  await page.getByText(`Mask ${W}×${H} px`).waitFor();
  await page.getByLabel('Brush size').fill('40');
  await page.getByLabel('Brush hardness').fill('100');
}

async function useMask(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use mask' }).click();
  await page.getByRole('dialog', { name: /^Paint mask/ }).waitFor({ state: 'detached' });
}

describe('the mask painter and the expand editor', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
    await setKeyInSettings(studio.page, DEFAULT_FAKE_KEY);
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('sends a painted stroke as a PNG mask of the image’s exact size, white only where painted', async () => {
    const { page } = studio;
    await page.getByLabel('Model', { exact: true }).selectOption('flux-pro-1.0-fill');
    await uploadImage(page, await scene(W, H), 'landscape.png');
    await openPainter(page);
    await paintLine(page, [120, 160], [360, 160]);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshots(page, 'editor-mask');
    await useMask(page);
    await page.getByRole('img', { name: /Painted mask/ }).waitFor();
    await submitAndWait(studio);
    const mask = await lastMask(studio);
    expect([mask.width, mask.height]).toEqual([W, H]);
    expect(pixel(mask, 240, 160)).toBe(255);
    expect(pixel(mask, 120, 160)).toBe(255);
    expect(pixel(mask, 240, 40)).toBe(0);
    expect(pixel(mask, 20, 160)).toBe(0);
    expect(pixel(mask, 240, 300)).toBe(0);
    // Soft edge pixels exist (anti-aliasing kept), and white covers about the stroke's area.
    expect(mask.grey.some((v) => v > 0 && v < 255)).toBe(true);
    const white = mask.grey.filter((v) => v === 255).length;
    expect(white).toBeGreaterThan(240 * 36);
    expect(white).toBeLessThan(280 * 42 + 1600);
  });

  it('undo removes the last stroke and redo brings it back', async () => {
    const { page } = studio;
    await openPainter(page);
    await paintLine(page, [80, 80], [400, 80]);
    await paintLine(page, [80, 240], [400, 240]);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Shift+Control+z');
    await useMask(page);
    await submitAndWait(studio);
    const mask = await lastMask(studio);
    expect(pixel(mask, 240, 80)).toBe(255);
    expect(pixel(mask, 240, 240)).toBe(0);
  });

  it('[ and ] make the brush smaller and larger', async () => {
    const { page } = studio;
    await openPainter(page);
    const size = page.getByLabel('Brush size');
    await page.keyboard.press(']');
    expect(Number(await size.inputValue())).toBeGreaterThan(40);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    expect(Number(await size.inputValue())).toBeLessThan(40);
    await page
      .getByRole('dialog', { name: /^Paint mask/ })
      .getByRole('button', { name: 'Cancel' })
      .click();
  });

  it('invert turns the painted part black and the rest white', async () => {
    const { page } = studio;
    await openPainter(page);
    await paintLine(page, [120, 160], [360, 160]);
    await page.getByRole('button', { name: 'Invert' }).click();
    await useMask(page);
    await submitAndWait(studio);
    const mask = await lastMask(studio);
    expect(pixel(mask, 240, 160)).toBe(0);
    expect(pixel(mask, 240, 40)).toBe(255);
    expect(pixel(mask, 5, 5)).toBe(255);
  });

  it('a pen’s pressure sets the stroke’s width; a second finger turns a touch stroke into a pinch', async () => {
    const { page } = studio;
    await openPainter(page);
    const box = await page.getByLabel('Mask overlay').boundingBox();
    if (!box) throw new Error('no mask overlay');
    const zoom = page.getByLabel('Zoom');
    const zoomBefore = await zoom.textContent();
    // Chromium here has no pen or touchscreen: the events a tablet sends, dispatched as the browser would.
    await page.getByTestId('mask-viewport').evaluate(
      (el, { box, W, H }) => {
        const at = (x: number, y: number) => ({
          clientX: box.x + (x * box.width) / W,
          clientY: box.y + (y * box.height) / H,
        });
        const send = (type: string, init: PointerEventInit) =>
          el.dispatchEvent(new PointerEvent(type, { bubbles: true, button: 0, buttons: 1, ...init }));
        const pen = { pointerId: 11, pointerType: 'pen', pressure: 0.25 };
        send('pointerdown', { ...pen, ...at(120, 100) });
        for (let x = 140; x <= 360; x += 20) send('pointermove', { ...pen, ...at(x, 100) });
        send('pointerup', { ...pen, ...at(360, 100), buttons: 0 });

        const one = { pointerId: 21, pointerType: 'touch' };
        const two = { pointerId: 22, pointerType: 'touch' };
        send('pointerdown', { ...one, ...at(200, 240) });
        send('pointermove', { ...one, ...at(260, 240) });
        send('pointerdown', { ...two, ...at(300, 240) });
        send('pointermove', { ...one, ...at(160, 240) });
        send('pointermove', { ...two, ...at(400, 240) });
        send('pointerup', { ...two, ...at(400, 240), buttons: 0 });
        send('pointerup', { ...one, ...at(160, 240), buttons: 0 });
      },
      { box, W, H },
    );
    await expect.poll(() => zoom.textContent()).not.toBe(zoomBefore);
    await useMask(page);
    await submitAndWait(studio);
    const mask = await lastMask(studio);
    // Brush 40 px at a quarter of full pressure: 10 px wide.
    expect(pixel(mask, 240, 100)).toBe(255);
    expect(pixel(mask, 240, 103)).toBe(255);
    expect(pixel(mask, 240, 110)).toBe(0);
    expect(pixel(mask, 240, 90)).toBe(0);
    // The touch stroke the second finger interrupted is gone.
    expect(pixel(mask, 230, 240)).toBe(0);
    expect(pixel(mask, 200, 240)).toBe(0);
  });

  it('uses the image’s transparency as the mask in one click', async () => {
    const { page } = studio;
    await uploadImage(page, await scene(W, H, true), 'cut-out.png');
    await page.getByRole('button', { name: 'Paint mask…' }).click();
    const useAlpha = page.getByRole('button', { name: 'Use transparency' });
    await expect.poll(() => useAlpha.isEnabled()).toBe(true);
    await useAlpha.click();
    await useMask(page);
    await submitAndWait(studio);
    const mask = await lastMask(studio);
    expect([mask.width, mask.height]).toEqual([W, H]);
    expect(pixel(mask, 10, 10)).toBe(255);
    expect(pixel(mask, W / 2 - 2, H - 5)).toBe(255);
    expect(pixel(mask, W / 2 + 2, 10)).toBe(0);
    expect(pixel(mask, W - 5, H - 5)).toBe(0);
  });

  it('pulls the borders out with the handles and a preset, and sends exactly those', async () => {
    const { page } = studio;
    await page.getByLabel('Model', { exact: true }).selectOption('flux-pro-1.0-expand');
    await uploadImage(page, await scene(W, H), 'landscape.png');
    await page.getByRole('button', { name: 'Expand…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Expand/ });
    await dialog.getByTestId('expand-size').getByText(`${W}×${H} → ${W}×${H} px`).waitFor();

    const image = await dialog.getByRole('img', { name: 'landscape.png' }).boundingBox();
    const handle = await dialog.getByRole('slider', { name: 'Drag the right border' }).boundingBox();
    if (!image || !handle) throw new Error('no expand image or handle');
    const scale = image.width / W;
    const start = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y, { steps: 8 });
    await page.mouse.up();
    const right = Number(await dialog.getByLabel('Expand right').inputValue());
    expect(Math.abs(right - 60 / scale)).toBeLessThanOrEqual(1);
    await dialog.getByText(`→ ${W + right}×${H} px`).waitFor();

    const bottom = await dialog.getByRole('slider', { name: 'Drag the bottom border' }).boundingBox();
    if (!bottom) throw new Error('no bottom handle');
    await page.mouse.move(bottom.x + bottom.width / 2, bottom.y + bottom.height / 2);
    await page.mouse.down();
    await page.mouse.move(bottom.x + bottom.width / 2, bottom.y + bottom.height / 2 + 30, { steps: 6 });
    await page.mouse.up();
    const down = Number(await dialog.getByLabel('Expand bottom').inputValue());
    expect(down).toBeGreaterThan(0);
    await dialog.getByText(`→ ${W + right}×${H + down} px`).waitFor();

    expect(await unnamedControls(page)).toEqual([]);
    await screenshots(page, 'editor-expand');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await submitAndWait(studio);
    expect(studio.fake.submits.at(-1)?.body).toMatchObject({ top: 0, bottom: down, left: 0, right });

    await page.getByRole('button', { name: 'Expand…' }).click();
    await dialog.getByRole('button', { name: '16:9' }).click();
    // 480×320 to 16:9 is 568.9 wide → 569: 89 more pixels, 44 left and 45 right.
    await dialog.getByText(`${W}×${H} → 569×${H} px · 0.17 MP`).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await submitAndWait(studio);
    expect(studio.fake.submits.at(-1)?.body).toMatchObject({ top: 0, bottom: 0, left: 44, right: 45 });
  });

  it('opens a library image straight in the mask painter or the expand editor from its detail view', async () => {
    const { page } = studio;
    const detail = page.getByRole('dialog', { name: 'Image detail' });
    const model = page.getByLabel('Model', { exact: true });
    // The newest image, not the placeholder tile of a job still running (placeholders come first).
    const newestImage = page.locator('[role=gridcell]:not(.pending)').first();
    await newestImage.dblclick();
    await detail.getByRole('button', { name: 'Paint mask…' }).click();
    await page.getByText(/^Mask \d+×\d+ px/).waitFor();
    expect(await model.inputValue()).toBe('flux-pro-1.0-fill');
    await page
      .getByRole('dialog', { name: /^Paint mask/ })
      .getByRole('button', { name: 'Cancel' })
      .click();

    await newestImage.dblclick();
    await detail.getByRole('button', { name: 'Expand…' }).click();
    await page
      .getByTestId('expand-size')
      .getByText(/^\d+×\d+ → /)
      .waitFor();
    expect(await model.inputValue()).toBe('flux-pro-1.0-expand');
    await page
      .getByRole('dialog', { name: /^Expand/ })
      .getByRole('button', { name: 'Cancel' })
      .click();
  });

  it('keeps a typed border within the catalog’s limit and says so beside the field', async () => {
    const { page } = studio;
    const top = page.getByLabel('Expand top');
    await top.fill('5000');
    expect(await top.inputValue()).toBe('2048');
    await page.getByRole('status').filter({ hasText: 'At most 2048 px: set to 2048' }).waitFor();
  });
});
