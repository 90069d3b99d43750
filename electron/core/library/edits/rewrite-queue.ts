/**
 * The scheduling behind write-back, for either store: a set of pending ids (five quick ratings of
 * one image are one pending id and one rewrite, made from the row as it is when the rewrite
 * starts), a few rewrites at once, never two of one id at once, a pause while files move, and
 * `drain` for "the files have caught up". What a rewrite does is the store's (edits/write-back.ts
 * for the embedded library, team/team-write-back.ts for the team library).
 *
 * Two options the team library uses and the embedded library does not: `delayMs` gathers the
 * edits of a burst before the first rewrite (each rewrite crosses the network and takes a lock),
 * and `retryMs` schedules a failed id again later (a share or server briefly away); the row's
 * `record_dirty` keeps the change meanwhile, so a quit before the retry loses nothing either.
 */
import type { Logger } from '../../logging/logger';

export interface RewriteQueueOptions {
  rewrite: (id: string) => Promise<void>;
  logger: Pick<Logger, 'warn'>;
  /** Rewrites at once; files are small and the disk is the limit, not the CPU. */
  concurrency?: number;
  /** Wait this long after a schedule before starting rewrites (more edits join meanwhile). */
  delayMs?: number;
  /** After a failed rewrite, schedule the id again after this long (none: logged, left for the next start). */
  retryMs?: number;
}

export class RewriteQueue {
  private readonly pending = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly retrying = new Set<string>();
  private pauses = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private delay: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: RewriteQueueOptions) {}

  schedule(ids: Iterable<string>): void {
    if (this.closed) return;
    for (const id of ids) this.pending.add(id);
    if (this.options.delayMs === undefined) this.pump();
    else if (this.delay === null && this.pending.size > 0)
      // unref: a pending timer never keeps a CLI process alive (the rows stay dirty, nothing is lost).
      this.delay = setTimeout(() => {
        this.delay = null;
        this.pump();
      }, this.options.delayMs).unref();
  }

  /** Pending or being written (ids waiting for a retry are not counted, so `drain` never waits for them). */
  get size(): number {
    return this.pending.size + this.inFlight.size;
  }

  /** Starts what is pending now (no delay) and resolves when nothing is pending or being written. */
  drain(): Promise<void> {
    this.startNow();
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops starting rewrites and waits for those under way; `resume` undoes one pause. */
  async pause(): Promise<void> {
    this.pauses++;
    await Promise.all(this.inFlight.values());
  }

  resume(): void {
    this.pauses = Math.max(0, this.pauses - 1);
    this.pump();
  }

  /** Finishes what is pending, then takes no more; ids waiting for a retry stay dirty in the index. */
  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private startNow(): void {
    if (this.delay === null) return;
    clearTimeout(this.delay);
    this.delay = null;
    this.pump();
  }

  private pump(): void {
    if (this.delay !== null) return;
    const limit = this.options.concurrency ?? 4;
    while (this.pauses === 0 && this.inFlight.size < limit) {
      const next = this.nextId();
      if (next === undefined) break;
      this.pending.delete(next);
      const work = this.options
        .rewrite(next)
        .catch((err: unknown) => this.failed(next, err))
        .finally(() => {
          this.inFlight.delete(next);
          this.pump();
        });
      this.inFlight.set(next, work);
    }
    if (this.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private failed(id: string, err: unknown): void {
    const retryMs = this.options.retryMs;
    this.options.logger.warn('write-back failed', {
      id,
      error: String(err),
      ...(retryMs === undefined ? {} : { retryInMs: retryMs }),
    });
    if (retryMs === undefined || this.closed) return;
    this.retrying.add(id);
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = null;
      const again = [...this.retrying];
      this.retrying.clear();
      this.schedule(again);
    }, retryMs).unref();
  }

  /** The next pending id that is not being rewritten right now (one writer per file). */
  private nextId(): string | undefined {
    for (const id of this.pending) if (!this.inFlight.has(id)) return id;
    return undefined;
  }
}
