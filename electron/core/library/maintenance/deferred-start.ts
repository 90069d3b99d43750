/**
 * Start-up maintenance (reconcile, missing thumbnails) waits for the gallery's first page: on a
 * large library its walk and reads would otherwise compete with the first paint. It starts a
 * moment after the first page is answered, when someone waits for the library to be idle, or
 * after a fallback delay when no gallery asks (the CLI, a window that never opens).
 */
/** Room for the page to cross to the window and be painted. */
export const AFTER_FIRST_PAGE_MS = 300;
export const FALLBACK_START_MS = 3_000;

export class DeferredStart {
  private started = false;
  private pageSeen = false;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];

  constructor(
    private readonly run: () => void,
    fallbackMs = FALLBACK_START_MS,
  ) {
    this.later(fallbackMs);
  }

  /** The first page is on its way to the window. */
  afterFirstPage(): void {
    if (this.started || this.pageSeen) return;
    this.pageSeen = true;
    this.later(AFTER_FIRST_PAGE_MS);
  }

  /** Starts now unless it has started (or been cancelled) already. */
  now(): void {
    if (this.started) return;
    this.cancel();
    this.run();
  }

  cancel(): void {
    this.started = true;
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
  }

  private later(ms: number): void {
    const timer = setTimeout(() => this.now(), ms);
    // Never the reason a process stays alive.
    timer.unref?.();
    this.timers.push(timer);
  }
}
