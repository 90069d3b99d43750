/**
 * How many BFL tasks may be active at once. Queued jobs wait here in order; a job leaves the
 * queue only by moving `queued → submitting` in the same database transaction that counts the
 * active tasks, so the app and the CLI together never exceed the account's limit.
 *
 * Only rows a live process holds count as active: a row left by a killed run (`submitting` for
 * ever, `polling` with a dead lease) holds no slot. BFL itself may still be finishing such a task;
 * if so its 429 tells us, which is the next rule.
 *
 * After a 429 (someone else — another machine, another tool — holds tasks on the same account)
 * the limit shrinks to the tasks BFL had accepted from us at that moment (at least 1, so one
 * submit probes again), and the gate closes for BFL's `Retry-After` (or a short backoff without
 * one). The learnt limit lasts only until a few seconds after the gate reopens: nobody tells us
 * when the other holder's tasks end, so a queue with free slots must not wait longer than that.
 */
import { durableTransaction, type Database } from '../library/db/database';
import type { JobRow } from './job-row';
import type { JobStore } from './job-store';
import type { LeaseManager } from './lease';

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
/** How long a limit learnt from a 429 outlives the gate it closed. */
export const LEARNT_GRACE_MS = 2_000;
/** Retry-After may be 0: still leave a moment between refused submits. */
const MIN_REFUSED_WAIT_MS = 250;

export class SubmitSlots {
  private readonly waiters: Waiter[] = [];
  private closedUntil = 0;
  private learnt: { limit: number; until: number } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly store: JobStore,
    private readonly leases: Pick<LeaseManager, 'owner' | 'heldByLiveProcess'>,
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

  /**
   * BFL refused a submit for now (429, or a JSON 503): wait for its `Retry-After`, or `backoffMs`
   * when it named none. Refusals from one burst of submits arrive together and close the gate once.
   */
  refused(answer: { rateLimited: boolean; retryAfterMs: number | null }, backoffMs: () => number): void {
    if (!this.isClosed()) {
      const wait = answer.retryAfterMs === null ? backoffMs() : Math.max(answer.retryAfterMs, MIN_REFUSED_WAIT_MS);
      this.closeUntil(this.nowMs() + wait);
    }
    if (answer.rateLimited) {
      // The account holds no more than what BFL had accepted from us; in-flight submits (the refused
      // one among them) prove nothing either way.
      const accepted = this.liveRows().filter((row) => row.status === 'polling').length;
      this.learnt = { limit: Math.max(1, accepted), until: this.closedUntil + LEARNT_GRACE_MS };
    }
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

  private liveRows() {
    return this.store.activeRows().filter((row) => this.leases.heldByLiveProcess(row));
  }

  private tryStart(waiter: Waiter, limit: number): JobRow | null | 'full' | 'model-full' {
    const iso = this.nowIso();
    // Durable: the POST follows this commit, and a power cut must not undo it (a resend risk).
    return durableTransaction(this.db, () => {
      const live = this.liveRows();
      if (live.length >= limit) return 'full' as const;
      const sameModel = live.filter((row) => row.model === waiter.model).length;
      if (sameModel >= this.limits.modelLimit(waiter.model)) return 'model-full' as const;
      return this.store.move(waiter.jobId, 'queued', 'submitting', { submitted_at: iso }, iso, this.leases.owner);
    });
  }
}
