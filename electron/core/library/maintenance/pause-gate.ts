/**
 * Pause for long tasks: work awaits `wait()` between items; while paused that promise holds
 * until `resume()` — or until the task's signal aborts, so a paused task can still be cancelled.
 */
export class PauseGate {
  private held: { promise: Promise<void>; release: () => void } | null = null;

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.resume(), { once: true });
  }

  get paused(): boolean {
    return this.held !== null;
  }

  pause(): void {
    if (this.held || this.signal.aborted) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { promise, release };
  }

  resume(): void {
    const held = this.held;
    this.held = null;
    held?.release();
  }

  /** Resolves at once unless paused; then when resumed or cancelled. */
  wait(): Promise<void> {
    return this.held?.promise ?? Promise.resolve();
  }
}
