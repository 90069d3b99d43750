/**
 * When to poll a task next. BFL's samples poll every 0.5 s from the start; with 24 tasks that is
 * 48 polls a second for answers that are almost all `Pending`. Instead a long task is polled once
 * halfway (progress, early moderation), every task at its expected end, then often while overdue,
 * backing off slowly for tasks that run far past their time. The expected time starts from the
 * model's catalog figure and learns from what this account actually sees.
 */
export const MIN_POLL_MS = 250;
export const MAX_POLL_MS = 5_000;
/** Polling gives up after this long without a terminal status (unknown statuses included). */
export const POLL_DEADLINE_MS = 30 * 60_000;
/** Tasks expected to take at least this long get one progress poll halfway. */
const HALFWAY_POLL_FROM_MS = 6_000;

export interface PollTiming {
  /** Since the submit was sent. */
  elapsedMs: number;
  expectedMs: number;
  /** The server's Retry-After on the last answer, if any. */
  retryAfterMs?: number | null;
}

const endMargin = (expectedMs: number) => 60 + expectedMs * 0.02;

export function nextPollDelay({ elapsedMs, expectedMs, retryAfterMs }: PollTiming): number {
  let delay: number;
  if (expectedMs >= HALFWAY_POLL_FROM_MS && elapsedMs < expectedMs * 0.5) delay = expectedMs * 0.5 - elapsedMs;
  // Aim just past the expected end: a poll a moment early costs a whole extra interval of waiting.
  else if (elapsedMs < expectedMs + endMargin(expectedMs)) delay = expectedMs + endMargin(expectedMs) - elapsedMs;
  else delay = Math.min(MAX_POLL_MS, MIN_POLL_MS + (elapsedMs - expectedMs) * 0.1);
  return Math.max(MIN_POLL_MS, Math.round(delay), retryAfterMs ?? 0);
}

/** Per-model expected generation time, learnt from observed completions (EWMA). */
export class ExpectedDurations {
  private readonly learnt = new Map<string, number>();

  constructor(
    private readonly catalogMs: (model: string) => number,
    private readonly weight = 0.3,
  ) {}

  expectedMs(model: string): number {
    return this.learnt.get(model) ?? this.catalogMs(model);
  }

  /**
   * Records a completion seen at `readyElapsedMs`, last seen pending at `lastPendingElapsedMs`.
   * The true time lies between the two: when that bracket is tight its midpoint is a sample;
   * when it is wide we only know it was done by then, so the estimate creeps down (never below
   * the time the task was still seen running) until a poll lands early and brackets it again.
   */
  observe(model: string, lastPendingElapsedMs: number, readyElapsedMs: number): void {
    const previous = this.expectedMs(model);
    const bracket = readyElapsedMs - lastPendingElapsedMs;
    const next =
      bracket <= Math.max(MIN_POLL_MS * 2, previous * 0.25)
        ? previous * (1 - this.weight) + ((lastPendingElapsedMs + readyElapsedMs) / 2) * this.weight
        : Math.max(lastPendingElapsedMs, Math.min(previous, readyElapsedMs) * 0.97);
    this.learnt.set(model, Math.max(MIN_POLL_MS, next));
  }
}
