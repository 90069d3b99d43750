import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPREAD,
  ExpectedDurations,
  MAX_POLL_MS,
  MIN_POLL_MS,
  nextPollDelay,
  type ProgressSighting,
} from './poll-schedule';

/** Durations at evenly spaced quantiles of a log-normal (median 4 s, p95 8 s): no randomness. */
function logNormalDurations(count: number, medianMs = 4_000, p95Ms = 8_000): number[] {
  const sigma = Math.log(p95Ms / medianMs) / 1.6449;
  // Inverse normal CDF by bisection on erf's series-free approximation (Abramowitz–Stegun 7.1.26).
  const cdf = (z: number) => {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erf =
      1 -
      ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
        t *
        Math.exp(-x * x);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  };
  const quantile = (p: number) => {
    let lo = -8;
    let hi = 8;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (cdf(mid) < p) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  return Array.from({ length: count }, (_, i) => medianMs * Math.exp(sigma * quantile((i + 0.5) / count)));
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Seen {
  latencyMs: number;
  polls: number;
}

/**
 * A task of `durationMs` polled by `schedule`; answers carry progress like BFL's (2 decimals),
 * counted from the task's start, which is `startDelayMs` after the submit was sent.
 */
function simulate(durationMs: number, schedule: Schedule, startDelayMs = 150): Seen {
  let elapsed = 0;
  let now: ProgressSighting | null = null;
  let previous: ProgressSighting | null = null;
  for (let polls = 1; ; polls++) {
    elapsed += schedule(elapsed, now, previous);
    const run = elapsed - startDelayMs;
    if (run >= durationMs) return { latencyMs: run - durationMs, polls };
    previous = now;
    now = { elapsedMs: elapsed, progress: Math.round((Math.max(0, run) / durationMs) * 100) / 100 };
  }
}

type Schedule = (elapsedMs: number, now: ProgressSighting | null, previous: ProgressSighting | null) => number;
const referencePoller: Schedule = () => 500;
const learnt =
  (progressKnown: boolean): Schedule =>
  (elapsedMs, now, previous) =>
    nextPollDelay({
      elapsedMs,
      expectedMs: 4_000,
      spread: DEFAULT_SPREAD,
      progress: progressKnown ? (now?.progress ?? null) : null,
      previous: progressKnown ? previous : null,
    });

describe('poll schedule', () => {
  it('sees Ready no later than a 0.5 s poller at the median and p95, with a third of its polls', () => {
    const durations = logNormalDurations(400);
    const reference = durations.map((d) => simulate(d, referencePoller));
    const ours = durations.map((d) => simulate(d, learnt(true)));
    const lat = (seen: Seen[]) => seen.map((s) => s.latencyMs);
    const polls = (seen: Seen[]) => seen.reduce((sum, s) => sum + s.polls, 0) / seen.length;
    expect(median(lat(ours))).toBeLessThanOrEqual(median(lat(reference)));
    expect(p95(lat(ours))).toBeLessThanOrEqual(p95(lat(reference)));
    expect(polls(ours)).toBeLessThanOrEqual(polls(reference) / 3);
  });

  it('polls first where only a few tasks of a wide-spread model are done, later for a narrow one', () => {
    const wide = nextPollDelay({ elapsedMs: 0, expectedMs: 4_000, spread: 0.42 });
    const narrow = nextPollDelay({ elapsedMs: 0, expectedMs: 4_000, spread: 0.05 });
    expect(wide).toBeLessThan(2_200);
    expect(narrow).toBeGreaterThan(3_500);
    const done = logNormalDurations(400).filter((d) => d < wide).length;
    expect(done / 400).toBeLessThan(0.06);
  });

  it('aims just past the end the rate of two progress answers predicts', () => {
    // 20 % at 1 s, 40 % at 2 s: the end is due at 5 s.
    const previous = { elapsedMs: 1_000, progress: 0.2 };
    const delay = nextPollDelay({ elapsedMs: 2_000, expectedMs: 4_000, progress: 0.4, previous });
    expect(delay).toBeGreaterThanOrEqual(3_000);
    expect(delay).toBeLessThan(3_300);
  });

  it('after one progress answer aims a little short of the end it predicts', () => {
    // 40 % at 2 s predicts 5 s, counting the submit's own delay as run time: look before.
    const delay = nextPollDelay({ elapsedMs: 2_000, expectedMs: 4_000, progress: 0.4 });
    expect(delay).toBeLessThan(3_000);
    expect(delay).toBeGreaterThan(2_000);
  });

  it('without progress polls just after the median, then often when overdue, within bounds', () => {
    const atMedian = nextPollDelay({ elapsedMs: 2_000, expectedMs: 4_000, progress: null });
    expect(2_000 + atMedian).toBeGreaterThanOrEqual(4_000);
    expect(2_000 + atMedian).toBeLessThan(4_300);
    expect(nextPollDelay({ elapsedMs: 4_300, expectedMs: 4_000 })).toBeLessThan(400);
    expect(nextPollDelay({ elapsedMs: 60_000, expectedMs: 4_000 })).toBe(MAX_POLL_MS);
    expect(nextPollDelay({ elapsedMs: 4_300, expectedMs: 4_000, retryAfterMs: 1_000 })).toBe(1_000);
    expect(nextPollDelay({ elapsedMs: 0, expectedMs: 10 })).toBe(MIN_POLL_MS);
  });

  it('learns the median from tightly bracketed completions', () => {
    const durations = new ExpectedDurations(() => 1_000);
    for (let i = 0; i < 30; i++) durations.observe('m', 3_950, 4_150);
    expect(durations.expectedMs('m')).toBeGreaterThan(3_900);
    expect(durations.expectedMs('m')).toBeLessThan(4_100);
  });

  it('learns the spread: narrow for steady times, wide for varied ones', () => {
    const steady = new ExpectedDurations(() => 4_000);
    for (let i = 0; i < 60; i++) steady.observe('m', 3_950, 4_150);
    const varied = new ExpectedDurations(() => 4_000);
    const spread = logNormalDurations(60, 4_000, 12_000);
    // In a mixed order (a stride prime to 60), as completions come.
    for (let i = 0; i < 60; i++) {
      const d = spread[(i * 37) % 60]!;
      varied.observe('m', d - 100, d + 100);
    }
    expect(steady.timing('m').spread).toBeLessThan(DEFAULT_SPREAD / 2);
    expect(varied.timing('m').spread).toBeGreaterThan(DEFAULT_SPREAD);
  });

  it('takes the end the last progress predicted as the sample when the bracket is wide', () => {
    const durations = new ExpectedDurations(() => 4_000);
    // Pending at 1 s with 20 % done (end at 5 s), Ready seen at 5.1 s.
    for (let i = 0; i < 30; i++) durations.observe('m', 1_000, 5_100, 0.2);
    expect(durations.expectedMs('m')).toBeGreaterThan(4_900);
    expect(durations.expectedMs('m')).toBeLessThan(5_100);
  });

  it('creeps down after a completion seen on the first poll, never below a pending sighting', () => {
    const durations = new ExpectedDurations(() => 10_000);
    // A few bracketed samples first: the spread is learnt only once the median is.
    for (let i = 0; i < 3; i++) durations.observe('m', 9_900, 10_100);
    durations.observe('m', 0, 10_200);
    expect(durations.expectedMs('m')).toBeLessThan(10_000);
    expect(durations.timing('m').spread).toBeGreaterThan(DEFAULT_SPREAD);
    durations.observe('m', 9_950, 15_000);
    expect(durations.expectedMs('m')).toBeGreaterThanOrEqual(9_950);
  });
});
