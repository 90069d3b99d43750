/**
 * The filter bar at the window sizes people use: whatever is chosen in each of its selects
 * ("Made with anything", "AUTOMATIC1111/Forge", a long model name…) is shown whole, never cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from './support/studio';

/** The bar's selects, each with the width its chosen text needs and the width it has. */
interface SelectFit {
  label: string;
  chosen: string;
  needed: number;
  has: number;
  /** How far it reaches past the bar's right edge (hidden there), in px. */
  pastBar: number;
}

describe('the filter bar', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio();
  });
  afterAll(async () => {
    await studio?.close();
  });

  /**
   * What each visible select in the bar needs: a copy holding only the chosen option, with the
   * select's own styles but no width limit, laid out outside the bar — Chromium's own width for
   * that text plus padding, border and arrow.
   */
  const fits = () =>
    studio.page.getByRole('toolbar', { name: 'Filters' }).evaluate((bar): SelectFit[] => {
      const barRight = bar.getBoundingClientRect().right;
      return Array.from(bar.querySelectorAll('select'))
        .filter((select) => select.checkVisibility())
        .map((select) => {
          const chosen = select.selectedOptions[0]?.textContent ?? '';
          const probe = document.createElement('select');
          probe.className = select.className;
          probe.style.cssText =
            'position:absolute;left:0;top:0;width:auto;max-width:none;min-width:0;visibility:hidden';
          const option = document.createElement('option');
          option.textContent = chosen;
          probe.append(option);
          const styles = getComputedStyle(select);
          for (const p of ['font', 'padding', 'border', 'letter-spacing', 'appearance'] as const)
            probe.style.setProperty(p, styles.getPropertyValue(p));
          document.body.append(probe);
          const needed = probe.getBoundingClientRect().width;
          probe.remove();
          const box = select.getBoundingClientRect();
          return {
            label: select.getAttribute('aria-label') ?? '',
            chosen,
            needed,
            has: box.width,
            pastBar: Math.max(0, box.right - barRight),
          };
        });
    });

  it('shows every select’s chosen text whole at 1024, 1440 and 1920 px wide', async () => {
    const { page } = studio;
    const cut: string[] = [];
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      const bar = page.getByRole('toolbar', { name: 'Filters' });
      const visibleLabels = () =>
        bar
          .locator('select')
          .evaluateAll((selects) =>
            selects.filter((s) => (s as HTMLElement).checkVisibility()).map((s) => s.getAttribute('aria-label') ?? ''),
          );
      // The bar's selects come with the studio's first render, which may still be on its way.
      await expect.poll(async () => (await visibleLabels()).length).toBeGreaterThanOrEqual(2);
      const labels = await visibleLabels();
      for (const label of labels) {
        const select = bar.getByLabel(label, { exact: true });
        const values = await select
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        for (const value of values) {
          await select.selectOption(value);
          // Chromium gives the copy a whole-pixel width; under a pixel short cuts nothing.
          for (const fit of await fits())
            if (fit.has + 1 < fit.needed || fit.pastBar > 0.5)
              cut.push(
                `${width}px: "${fit.chosen}" in ${fit.label} (needs ${fit.needed}, has ${fit.has}, ${fit.pastBar} past the bar)`,
              );
        }
        await select.selectOption(values[0]!);
      }
    }
    expect([...new Set(cut)]).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(studio.pageErrors).toEqual([]);
  });
});
