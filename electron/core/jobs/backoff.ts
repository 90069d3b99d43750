/**
 * Exponential backoff with jitter, shared by everything that waits on BFL: 429s, 503s, a
 * network that is down, a download that failed. Jitter keeps the app and the CLI (or many jobs)
 * from retrying in lock-step.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1: how much of each delay is randomised. */
  jitter?: number;
  random?: () => number;
}

export class Backoff {
  private failures = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** Records a failure and returns how long to wait; a server's Retry-After wins when longer. */
  next(retryAfterMs?: number | null): number {
    const { baseMs, maxMs, jitter = 0.2, random = Math.random } = this.options;
    const raw = Math.min(maxMs, baseMs * 2 ** this.failures);
    this.failures += 1;
    const jittered = raw * (1 - jitter + jitter * 2 * random());
    return Math.max(Math.round(jittered), retryAfterMs ?? 0);
  }

  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}

/** A promise that settles after `ms`, or at once when `signal` aborts (resolving, not throwing). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
