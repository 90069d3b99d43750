import { describe, expect, it } from 'vitest';
import { ExpectedDurations, MAX_POLL_MS, MIN_POLL_MS, nextPollDelay } from './poll-schedule';

describe('poll schedule', () => {
  it('polls a long task once halfway, then just after its expected end', () => {
    expect(nextPollDelay({ elapsedMs: 0, expectedMs: 10_000 })).toBe(5_000);
    const atHalf = nextPollDelay({ elapsedMs: 5_000, expectedMs: 10_000 });
    expect(atHalf).toBeGreaterThanOrEqual(5_000);
    expect(atHalf).toBeLessThan(5_500);
  });

  it('polls a short task first just after its expected end', () => {
    const first = nextPollDelay({ elapsedMs: 0, expectedMs: 4_000 });
    expect(first).toBeGreaterThanOrEqual(4_000);
    expect(first).toBeLessThan(4_300);
  });

  it('polls often when overdue and backs off slowly, within bounds', () => {
    expect(nextPollDelay({ elapsedMs: 4_300, expectedMs: 4_000 })).toBeLessThan(400);
    expect(nextPollDelay({ elapsedMs: 60_000, expectedMs: 4_000 })).toBe(MAX_POLL_MS);
    expect(nextPollDelay({ elapsedMs: 4_300, expectedMs: 4_000, retryAfterMs: 1_000 })).toBe(1_000);
    expect(nextPollDelay({ elapsedMs: 0, expectedMs: 10 })).toBe(MIN_POLL_MS);
  });

  it('learns the expected time from tightly bracketed completions', () => {
    const durations = new ExpectedDurations(() => 1_000);
    for (let i = 0; i < 30; i++) durations.observe('m', 3_950, 4_150);
    expect(durations.expectedMs('m')).toBeGreaterThan(3_900);
    expect(durations.expectedMs('m')).toBeLessThan(4_100);
  });

  it('creeps down after a completion seen on the first poll, never below a pending sighting', () => {
    const durations = new ExpectedDurations(() => 10_000);
    durations.observe('m', 0, 10_200);
    expect(durations.expectedMs('m')).toBeLessThan(10_000);
    durations.observe('m', 9_900, 15_000);
    expect(durations.expectedMs('m')).toBeGreaterThanOrEqual(9_900);
  });
});
