/**
 * The total polling budget across every job in this process (settings.pollBudgetPerSecond):
 * a token bucket with at most one second of burst. Jobs wait their turn in order, so a burst of
 * jobs reaching their expected end together cannot exceed the rate BFL's samples suggest.
 */
import { sleep } from './backoff';

export class PollBudget {
  // A full bucket: the first refill clamps it to one second's worth (reading the rate here would
  // open the settings when the runner is made, even for a command that polls nothing).
  private tokens = Number.POSITIVE_INFINITY;
  private last: number;
  private readonly queue: (() => void)[] = [];
  private pumping = false;

  constructor(
    private readonly ratePerSecond: () => number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.last = this.nowMs();
  }

  /** Resolves when this caller may send one poll (at once when the signal aborts). */
  take(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const entry = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.queue.indexOf(entry);
        if (index >= 0) this.queue.splice(index, 1);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
      void this.pump();
    });
  }

  private refill(): void {
    const rate = Math.max(0.1, this.ratePerSecond());
    const now = this.nowMs();
    this.tokens = Math.min(Math.max(1, rate), this.tokens + ((now - this.last) / 1000) * rate);
    this.last = now;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        this.refill();
        if (this.tokens >= 1) {
          this.tokens -= 1;
          this.queue.shift()?.();
          continue;
        }
        const rate = Math.max(0.1, this.ratePerSecond());
        await sleep(Math.ceil(((1 - this.tokens) / rate) * 1000));
      }
    } finally {
      this.pumping = false;
    }
  }
}
