/**
 * The first page inside the HTML: the web host serves the page with the gallery's first page in
 * it, and the pre-paint draws those tiles before the entry, the socket or React. A person sees the
 * newest images at once, in the place React's grid then keeps them — no jump when React takes
 * over — and a prompt that holds markup is only text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { openTestLibrary, addImages } from '../support/library-test-kit';
import { makeTempDir, removeTempDir } from '../support/temp';
import { launchChromium } from './support/browser';
import { buildStudio } from './support/build';
import { startHostProcess, type HostProcess } from './support/web-host-process';

/** Aspect ratios people make, so the rows are justified as in a real library. */
const SIZES = [
  [1024, 1024],
  [1344, 768],
  [768, 1344],
  [1024, 768],
  [1536, 640],
  [832, 1216],
] as const;
const HOSTILE = 'a fox </script><script>window.__pwned = true</script> <!-- & <b>bold</b>';
const COUNT = 60;

interface Tile {
  alt: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every tile in the grid with its prompt and its box, in document order. */
const tilesOf = (page: Page): Promise<Tile[]> =>
  page.locator('[role=grid][aria-label=Library] [role=gridcell] img').evaluateAll((imgs) =>
    imgs.map((img) => {
      const box = img.closest('[role=gridcell]')!.getBoundingClientRect();
      return { alt: (img as HTMLImageElement).alt, x: box.x, y: box.y, width: box.width, height: box.height };
    }),
  );

describe('the first page inside the HTML', () => {
  let home: string;
  let host: HostProcess;
  let browser: Browser;
  /** Prompts newest first, as the gallery shows them. */
  let newestFirst: string[];

  beforeAll(async () => {
    buildStudio();
    home = makeTempDir('seedbank-e2e-');
    const library = await openTestLibrary(home);
    const prompts = Array.from({ length: COUNT }, (_, i) =>
      i === COUNT - 1 ? HOSTILE : `image number ${i} of a salt flat`,
    );
    await addImages(library, COUNT, (i) => {
      const [width, height] = SIZES[i % SIZES.length]!;
      return { prompt: prompts[i]!, width, height };
    });
    await library.close();
    newestFirst = [...prompts].reverse();
    host = await startHostProcess({ home, apiBase: 'http://127.0.0.1:9' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await host?.stop();
    if (home) removeTempDir(home);
  });

  /** The page at a window size; `withoutScripts` blocks the entry so only the pre-paint runs. */
  async function open(width: number, height: number, withoutEntry: boolean): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    if (withoutEntry) await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
    await page.goto(host.url);
    return page;
  }

  it('draws the newest images before the app’s scripts run, with a prompt holding markup shown as text', async () => {
    const page = await open(1440, 900, true);
    await expect.poll(async () => (await tilesOf(page)).length).toBeGreaterThan(10);
    const tiles = await tilesOf(page);
    expect(tiles.map((t) => t.alt)).toEqual(newestFirst.slice(0, tiles.length));
    expect(tiles[0]!.alt).toBe(HOSTILE);
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned ?? false)).toBe(false);
    // The count is not known yet: the frame says nothing rather than "0 images" beside the tiles.
    expect(await page.locator('.filter-bar .count').textContent()).toBe('');
    // The pre-paint alone: React never ran (its composer is not there).
    expect(await page.getByRole('button', { name: 'Generate' }).count()).toBe(0);
    await page.context().close();
  });

  it('puts every tile where React’s grid then shows it, at 1024, 1440 and 1920 px wide', async () => {
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      const before = await open(width, height, true);
      await expect.poll(async () => (await tilesOf(before)).length).toBeGreaterThan(0);
      const painted = await tilesOf(before);
      await before.context().close();

      const after = await open(width, height, false);
      // React's grid is in once the rest of the studio (the composer) has mounted after it.
      await after.getByRole('button', { name: 'Generate' }).waitFor();
      const rendered = new Map((await tilesOf(after)).map((t) => [t.alt, t]));
      expect(await after.locator('[role=grid][aria-label=Library]').count()).toBe(1);
      await after.context().close();

      const moved = painted.filter((t) => {
        const r = rendered.get(t.alt);
        return !r || [t.x - r.x, t.y - r.y, t.width - r.width, t.height - r.height].some((d) => Math.abs(d) > 0.5);
      });
      expect({ width, painted: painted.length, moved }).toEqual({ width, painted: painted.length, moved: [] });
    }
  });
});
