/**
 * The job runner: one worker per job this process works on, sharing the submit slots, the
 * polling budget, the backoffs and the network status. `start()` resumes every unfinished job
 * (the app, `seedbank resume`); without it the runner only works the jobs it is handed
 * (`seedbank generate`). Leases are renewed while working and released on stop.
 */
import { getModel } from '../../../shared/models';
import { SeedbankError } from '../../../shared/errors';
import type { Job } from '../../../shared/types';
import { BflClient } from '../bfl';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import type { Library } from '../library/library';
import { libraryResults, type ResultStore } from './result-store';
import { writeFileAtomic } from '../metadata/atomic-write';
import { Backoff } from './backoff';
import type { DownloadFiles } from './download-step';
import { jobErrors } from './job-errors';
import { JobEvents } from './job-events';
import { rowBody, toJob } from './job-row';
import {
  cancellableWhilePaused,
  canMove,
  isCancellable,
  isFinal,
  isPaused,
  isRetryable,
  resumesTo,
  stopsWaiting,
} from '../../../shared/job-states';
import { JobStore } from './job-store';
import { JobWorker, type WorkerDeps } from './job-worker';
import { LeaseManager, RENEW_EVERY_MS } from './lease';
import { NetworkStatus } from './network-status';
import { PollBudget } from './poll-budget';
import { ExpectedDurations } from './poll-schedule';
import { SubmitSlots } from './submit-slots';

const SWEEP_MS = 5_000;
const WAIT_RECHECK_MS = 500;
/** A worker that dies is started again after this long (doubling), and after this many deaths its job pauses. */
const RESTART_BASE_MS = 1_000;
const DEATHS_BEFORE_PAUSE = 3;
/** A job paused for crashing its worker is not retried on its own for this long (Resume retries at once). */
const CRASH_PAUSE_MS = 30 * 60_000;

export class JobRunner {
  readonly store: JobStore;
  private readonly leases: LeaseManager;
  private readonly slots: SubmitSlots;
  private readonly events: JobEvents;
  private readonly deps: WorkerDeps;
  private readonly workers = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timers: NodeJS.Timeout[] = [];
  private cachedClient: { base: string; client: BflClient } | null = null;
  private readonly deaths = new Map<string, number>();
  /** Where downloaded images are written durably; tests swap it to inject a full disk. */
  readonly files: DownloadFiles = { writeDurably: writeFileAtomic };
  private stopped = false;

  constructor(
    private readonly ctx: CoreContext,
    readonly library: Library,
    /** Where finished images land; this computer's library unless the team library is chosen. */
    results: ResultStore = libraryResults(library),
  ) {
    const nowMs = () => ctx.now().getTime();
    const nowIso = () => ctx.now().toISOString();
    this.store = new JobStore(ctx.db);
    this.leases = new LeaseManager(ctx.db, ctx.ownerId, nowMs);
    this.events = new JobEvents(ctx.bus);
    this.slots = new SubmitSlots(
      ctx.db,
      this.store,
      this.leases,
      {
        maxActive: () => ctx.settings.get().maxActiveTasks,
        modelLimit: (model) => getModel(model)?.activeTaskLimit ?? 24,
      },
      nowMs,
      nowIso,
    );
    this.deps = {
      ctx,
      library,
      results,
      store: this.store,
      leases: this.leases,
      slots: this.slots,
      budget: new PollBudget(() => ctx.settings.get().pollBudgetPerSecond),
      durations: new ExpectedDurations((model) => (getModel(model)?.typicalSeconds ?? 10) * 1000),
      network: new NetworkStatus(ctx.bus, ctx.logger),
      events: this.events,
      client: () => this.client(),
      files: this.files,
      // Capped low: used only when BFL names no Retry-After, and a queue must not sleep past free slots.
      rateBackoff: new Backoff({ baseMs: 1_000, maxMs: 8_000 }),
      networkBackoff: new Backoff({ baseMs: 1_000, maxMs: 10_000 }),
    };
  }

  /** The BFL client for the API base in effect (settings may change it while running). */
  client(): BflClient {
    const base = this.ctx.settings.apiBase();
    if (this.cachedClient?.base !== base) {
      const client = new BflClient({
        apiBase: base,
        getKey: () => this.ctx.keys.getKey(),
        fetch: this.ctx.fetch,
        logger: this.ctx.logger,
      });
      this.cachedClient = { base, client };
    }
    return this.cachedClient.client;
  }

  /** Resumes every unfinished job, and keeps picking up jobs nobody else is working on. */
  start(): void {
    if (this.stopped) return;
    for (const row of this.store.unfinished()) this.track(row.id);
    this.timers.push(
      setInterval(() => {
        for (const row of this.store.unfinished()) if (!this.leases.heldByOther(row)) this.track(row.id);
      }, SWEEP_MS),
    );
    this.ensureRenewal();
  }

  /** Works these jobs in this process (jobs just submitted here, or a `resume`). */
  enqueue(ids: readonly string[]): void {
    for (const id of ids) this.track(id);
  }

  private ensureRenewal(): void {
    if (this.timers.some((t) => (t as NodeJS.Timeout & { renewal?: true }).renewal)) return;
    const timer = setInterval(() => {
      const lost = this.leases.renew([...this.workers.keys()]);
      for (const id of lost) {
        const row = this.store.get(id);
        // Losing the lease on a job we still work means another process took it over: stand down.
        if (row && !isFinal(row.status) && row.lease_owner && row.lease_owner !== this.ctx.ownerId)
          this.workers.get(id)?.abort.abort();
      }
    }, RENEW_EVERY_MS) as NodeJS.Timeout & { renewal?: true };
    timer.renewal = true;
    this.timers.push(timer);
  }

  private track(id: string): void {
    if (this.stopped || this.workers.has(id)) return;
    this.ensureRenewal();
    const abort = new AbortController();
    const worker = new JobWorker(this.deps, id, abort.signal);
    const done = worker
      .run()
      .then(
        () => {
          this.deaths.delete(id);
        },
        (err: unknown) => this.died(id, err),
      )
      .finally(() => {
        // Hand the job back (the lease) whatever happened, so no job stays claimed by nobody.
        this.leases.release(id);
        this.workers.delete(id);
        this.events.forget(id);
        this.slots.released();
      });
    this.workers.set(id, { abort, done });
  }

  /**
   * A worker that threw: its job is worked again after a pause (doubling), so a waiting
   * `seedbank generate` never waits on a job nobody works; one that keeps dying is paused with
   * the error for a person to see, rather than retried for ever.
   */
  private died(id: string, err: unknown): void {
    const deaths = (this.deaths.get(id) ?? 0) + 1;
    this.deaths.set(id, deaths);
    this.ctx.logger.error('job worker stopped unexpectedly', { job: id, error: err, deaths });
    if (this.stopped) return;
    const row = this.store.get(id);
    if (row && deaths >= DEATHS_BEFORE_PAUSE && canMove(row.status, 'paused')) {
      const iso = this.ctx.now().toISOString();
      const error = jobErrors.workerCrashed(err instanceof Error ? err.message : String(err));
      const fields = {
        error_code: error.code,
        error_message: error.message,
        next_attempt_at: this.ctx.now().getTime() + CRASH_PAUSE_MS,
      };
      this.events.changed(this.store.move(row.id, row.status, 'paused', fields, iso));
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers = this.timers.filter((t) => t !== timer);
        this.track(id);
      },
      RESTART_BASE_MS * 2 ** Math.min(deaths - 1, 5),
    );
    this.timers.push(timer);
  }

  /** Jobs this process is working on (for "quit while jobs run?"). */
  activeCount(): number {
    return this.workers.size;
  }

  cancel(id: string): Job {
    const row = this.store.get(id);
    if (!row) throw new SeedbankError('NOT_FOUND', `No job ${id}`);
    const cancellable = isPaused(row.status)
      ? cancellableWhilePaused(row.result_url !== null)
      : isCancellable(row.status);
    if (!cancellable) return toJob(row);
    const accepted = row.task_id !== null || row.status === 'submitting';
    const iso = this.ctx.now().toISOString();
    // Dismissing an unknown outcome keeps its explanation: the credits question is still open.
    const fields =
      row.status === 'unknown'
        ? { finished_at: row.finished_at ?? iso }
        : { error_code: 'CANCELLED', error_message: jobErrors.cancelled(accepted).message, finished_at: iso };
    const moved = this.store.move(id, row.status, 'cancelled', fields, iso);
    if (!moved) return this.cancel(id);
    this.workers.get(id)?.abort.abort();
    this.slots.released();
    this.events.changed(moved);
    return toJob(moved);
  }

  /**
   * A person says the cause of a pause is gone (`jobs:resume`, `seedbank resume`): the job goes
   * back to the stage it paused in at once and a worker here takes it. Other jobs are answered as
   * they are.
   */
  resume(id: string): Job {
    const row = this.store.get(id);
    if (!row) throw new SeedbankError('NOT_FOUND', `No job ${id}`);
    if (!isPaused(row.status)) return toJob(row);
    const iso = this.ctx.now().toISOString();
    const back = this.store.move(
      id,
      'paused',
      resumesTo(row.result_url !== null),
      { error_code: null, error_message: null, next_attempt_at: 0 },
      iso,
    );
    if (!back) return this.resume(id);
    this.deaths.delete(id);
    this.events.changed(back);
    this.enqueue([id]);
    return toJob(back);
  }

  /** Re-sends a stopped job as a new job; an unknown outcome needs the person's confirmation. */
  retry(id: string, confirmResubmit: boolean): Job {
    const row = this.store.get(id);
    if (!row) throw new SeedbankError('NOT_FOUND', `No job ${id}`);
    if (!isRetryable(row.status)) {
      throw new SeedbankError('INVALID_INPUT', `Job ${id} is ${row.status}; only stopped jobs can be retried`);
    }
    if (row.status === 'unknown' && !confirmResubmit) {
      throw new SeedbankError(
        'INVALID_INPUT',
        'BFL may already have accepted and billed this request. Retrying sends it again and may cost twice; confirm to re-send.',
        'confirmResubmit',
      );
    }
    const now = this.ctx.now();
    const freshId = newId(now.getTime());
    this.store.insert([
      {
        id: freshId,
        batchId: row.batch_id,
        model: row.model,
        prompt: row.prompt,
        params: JSON.parse(row.params) as Record<string, unknown>,
        inputs: JSON.parse(row.inputs) as string[],
        body: rowBody(row),
        projectId: row.project_id,
        estimatedCost: row.estimated_cost,
        createdAt: now.toISOString(),
      },
    ]);
    const created = this.store.get(freshId)!;
    this.events.changed(created);
    this.enqueue([freshId]);
    return toJob(created);
  }

  /**
   * Resolves once every job is final or paused (whoever works on it), in the order asked. Only
   * the jobs still running are looked at: each change event names its job, and the periodic
   * recheck (for jobs another process works on) reads only those. Re-reading every job on every
   * event made a 120-job wait read 120 rows per event, hundreds of MB of garbage in a batch.
   * The answer is one read of all of them, and it must show every job stopped at once (a paused
   * job may be resumed while the others finish).
   */
  waitFor(ids: readonly string[]): Promise<Job[]> {
    return new Promise((resolve) => {
      const running = new Set(ids);
      let finished = false;
      const settle = () => {
        const rows = this.store.getMany(ids);
        const stillRunning = rows.filter((r) => !stopsWaiting(r.status));
        if (stillRunning.length > 0) {
          for (const row of stillRunning) running.add(row.id);
          return;
        }
        finished = true;
        clearInterval(timer);
        unsubscribe();
        const byId = new Map(rows.map((r) => [r.id, toJob(r)]));
        resolve(ids.map((id) => byId.get(id)).filter((j): j is Job => j !== undefined));
      };
      const recheck = () => {
        if (finished) return;
        const rows = new Map(this.store.statuses([...running]).map((r) => [r.id, r]));
        for (const id of running) {
          const row = rows.get(id);
          // An id with no job is not waited for (as before: the answer leaves it out).
          if (!row || stopsWaiting(row.status)) running.delete(id);
        }
        if (running.size === 0) settle();
      };
      const unsubscribe = this.ctx.bus.subscribe((channel, payload) => {
        if (finished || channel !== 'jobs:changed') return;
        const job = payload as Job;
        if (!running.has(job.id) || !stopsWaiting(job.status)) return;
        running.delete(job.id);
        if (running.size === 0) settle();
      });
      const timer = setInterval(recheck, WAIT_RECHECK_MS);
      recheck();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.slots.stop();
    for (const { abort } of this.workers.values()) abort.abort();
    await Promise.all([...this.workers.values()].map((w) => w.done));
  }
}
