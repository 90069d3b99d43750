/**
 * How many BFL tasks may be active at once. Queued jobs wait here in order; a job leaves the
 * queue only by moving `queued → submitting` in the same database transaction that counts the
 * active tasks, so the app and the CLI together never exceed the account's limit.
 *
 * After a 429 (someone else — another machine, another tool — holds tasks on the same account)
 * the limit shrinks to what was active at that moment for a while, so one 429 is not followed by
 * more; a 429 or an unreachable network also closes the gate until the backoff has passed.
 */
import { durableTransaction, type Database } from '../library/database';
import type { JobRow } from './job-row';
import type { JobStore } from './job-store';

export interface SlotLimits {
  /** settings.maxActiveTasks */
  maxActive(): number;
  /** The model's own limit (6 for flux-kontext-max). */
  modelLimit(model: string): number;
}

interface Waiter {
  jobId: string;
  model: string;
  resolve(row: JobRow | null): void;
}

const RECHECK_MS = 1_000;
const LEARNT_LIMIT_MS = 60_000;

export class SubmitSlots {
  private readonly waiters: Waiter[] = [];
  private closedUntil = 0;
  private learnt: { limit: number; until: number } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly store: JobStore,
    private readonly owner: string,
    private readonly limits: SlotLimits,
    private readonly nowMs: () => number,
    private readonly nowIso: () => string,
  ) {}

  /** Waits for a free slot and moves the job to `submitting`; null when it left the queue otherwise. */
  acquire(jobId: string, model: string, signal: AbortSignal): Promise<JobRow | null> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        jobId,
        model,
        resolve: (row) => {
          signal.removeEventListener('abort', onAbort);
          resolve(row);
        },
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve(null);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** A task ended (or a submit did not happen): someone waiting may go. */
  released(): void {
    this.pump();
  }

  /** Close the gate (429, 503, network down) until `untilMs`. */
  closeUntil(untilMs: number): void {
    this.closedUntil = Math.max(this.closedUntil, untilMs);
    this.schedule(untilMs - this.nowMs());
  }

  isClosed(): boolean {
    return this.nowMs() < this.closedUntil;
  }

  /** After a 429: the account holds fewer free slots than we thought. */
  learnLimit(activeWhenRefused: number): void {
    this.learnt = { limit: Math.max(1, activeWhenRefused), until: this.nowMs() + LEARNT_LIMIT_MS };
  }

  get waiting(): number {
    return this.waiters.length;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(null);
  }

  private limit(): number {
    const configured = this.limits.maxActive();
    if (this.learnt && this.learnt.until > this.nowMs()) return Math.min(configured, this.learnt.limit);
    this.learnt = null;
    return configured;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(10, ms),
    );
  }

  private pump(): void {
    if (this.waiters.length === 0) return;
    const now = this.nowMs();
    if (now < this.closedUntil) {
      this.schedule(this.closedUntil - now);
      return;
    }
    const limit = this.limit();
    for (let i = 0; i < this.waiters.length;) {
      const waiter = this.waiters[i]!;
      const outcome = this.tryStart(waiter, limit);
      if (outcome === 'full') break;
      if (outcome === 'model-full') {
        i += 1;
        continue;
      }
      this.waiters.splice(i, 1);
      waiter.resolve(outcome);
    }
    // Other processes free slots too, and they cannot tell us: look again shortly.
    if (this.waiters.length > 0) this.schedule(RECHECK_MS);
  }

  private tryStart(waiter: Waiter, limit: number): JobRow | null | 'full' | 'model-full' {
    const now = this.nowMs();
    const iso = this.nowIso();
    // Durable: the POST follows this commit, and a power cut must not undo it (a resend risk).
    return durableTransaction(this.db, () => {
      if (this.store.countActive(now, iso) >= limit) return 'full' as const;
      if (this.store.countActive(now, iso, waiter.model) >= this.limits.modelLimit(waiter.model))
        return 'model-full' as const;
      return this.store.move(waiter.jobId, 'queued', 'submitting', { submitted_at: iso }, iso, this.owner);
    });
  }
}
