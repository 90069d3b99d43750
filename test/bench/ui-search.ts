/**
 * The UI bench's search measure: a person types a search into the gallery's box and waits for
 * the results. Timed from the last keystroke (the page's own keydown) to the second animation
 * frame after the answer to that exact search arrived (so the grid is painted), over 24
 * distinct searches — short and long words, one and two words, common and rare — and reported
 * at the p95, so one lucky or unlucky run does not decide the row.
 */
import type { Page } from 'playwright';
import type { ProbeState } from './ui-bench-probe';

/** Words from the synthetic library's prompts and tags, each search typed once. */
export const UI_SEARCHES = [
  'lighthouse',
  'koi pond',
  'watercolor owl',
  'glacier',
  'submarine',
  'astronaut',
  'nebula',
  'moss garden',
  'cathedral',
  'robot neon',
  'desert',
  'violinist',
  'market',
  'orchard fog',
  'bridge',
  'samurai',
  'jellyfish',
  'volcano',
  'isometric library',
  'pastel fox',
  'brutalist',
  'golden hour',
  'moonlight',
  'keeper',
];

const probe = (page: Page) => page.evaluate<ProbeState>('window.__bench');

/** Polls an expression in the page (waitForFunction's string form would need 'unsafe-eval', which the CSP refuses). */
export async function waitUntil(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await page.waitForTimeout(10);
  }
}

/** Where the time after the last keystroke went: to sending the query, to its answer, to the paint. */
export interface SearchTiming {
  total: number;
  toSend: number;
  toAnswer: number;
  toPaint: number;
}

/** One search typed at 35 ms a key into an empty box; ms from the last keystroke to its results painted. */
export async function searchLatency(page: Page, term: string): Promise<SearchTiming> {
  const box = page.getByLabel('Search', { exact: true });
  await box.fill('');
  await page.waitForTimeout(300);
  await page.evaluate(
    `(() => { Object.assign(window.__bench, { searchTerm: ${JSON.stringify(term)}, searchSentAt: 0, searchAnsweredAt: 0, searchPaintedAt: 0 }); })()`,
  );
  await box.pressSequentially(term, { delay: 35 });
  await waitUntil(page, 'window.__bench.searchPaintedAt > window.__bench.lastKeyAt', 10_000);
  const state = await probe(page);
  await page.evaluate('window.__bench.searchTerm = null');
  return {
    total: state.searchPaintedAt - state.lastKeyAt,
    // The query may have left before the last key (typing on matched it): then nothing is waited for.
    toSend: Math.max(0, state.searchSentAt - state.lastKeyAt),
    toAnswer: state.searchAnsweredAt - Math.max(state.searchSentAt, state.lastKeyAt),
    toPaint: state.searchPaintedAt - state.searchAnsweredAt,
  };
}

/** Every search of UI_SEARCHES once, in order; the box is left empty. */
export async function searchLatencies(page: Page): Promise<SearchTiming[]> {
  const samples: SearchTiming[] = [];
  for (const term of UI_SEARCHES) samples.push(await searchLatency(page, term));
  await page.getByLabel('Search', { exact: true }).fill('');
  return samples;
}

/** The nearest-rank percentile: with 24 samples the p95 is the 23rd smallest. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
