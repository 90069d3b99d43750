/**
 * Works one job from wherever it stands to a final state: wait for a slot and submit, poll, then
 * hand the `downloading` stage to its `DownloadWorker`; a paused job is resumed when its cause is
 * gone. Each pass re-reads the row, so the worker resumes from the database after a restart
 * exactly as it continues during a run, and a cancel or resume made elsewhere takes effect.
 */
import type { BflClient } from '../bfl';
import type { CoreContext } from '../context';
import type { Library } from '../library/library';
import { Backoff, sleep } from './backoff';
import { DownloadWorker } from './download-worker';
import { jobErrors } from './job-errors';
import type { JobEvents } from './job-events';
import type { JobRow } from './job-row';
import { isFinal, type MoveFrom } from '../../../shared/job-states';
import type { DownloadFiles } from './download-step';
import type { JobStore } from './job-store';
import type { LeaseManager } from './lease';
import type { NetworkStatus } from './network-status';
import type { PollBudget } from './poll-budget';
import { recordLateAnswer } from './late-answer';
import { PauseStage } from './pause-stage';
import { pollTask } from './poll-step';
import { nextPollDelay, POLL_DEADLINE_MS, type ExpectedDurations } from './poll-schedule';
import type { SubmitSlots } from './submit-slots';
import { submitJob } from './submit-step';
import type { ResultStore } from './result-store';

export interface WorkerDeps {
  ctx: CoreContext;
  library: Library;
  /** Where finished images land (this computer's library or the team's). */
  results: ResultStore;
  store: JobStore;
  leases: LeaseManager;
  slots: SubmitSlots;
  budget: PollBudget;
  durations: ExpectedDurations;
  network: NetworkStatus;
  events: JobEvents;
  files: DownloadFiles;
  client(): BflClient;
  /** Shared by every worker: 429/503 and an unreachable network close the submit gate for all. */
  rateBackoff: Backoff;
  networkBackoff: Backoff;
}

/** How often a job leased by another process is looked at again. */
const WATCH_MS = 1_000;

export class JobWorker {
  private readonly pollBackoff = new Backoff({ baseMs: 500, maxMs: 30_000 });
  private readonly pauser: PauseStage;
  private readonly downloader: DownloadWorker;
  private holdsLease = false;
  private lastPendingElapsedMs = 0;

  constructor(
    private readonly d: WorkerDeps,
    readonly jobId: string,
    private readonly signal: AbortSignal,
  ) {
    this.pauser = new PauseStage(d, signal);
    this.downloader = new DownloadWorker(d, signal, {
      expire: (row, error) => this.finish(row, 'downloading', 'expired', error),
      pause: (row, error) => this.pauser.pause(row, 'downloading', error),
    });
  }

  private nowMs = () => this.d.ctx.now().getTime();
  private nowIso = () => this.d.ctx.now().toISOString();
  private get owner() {
    return this.d.leases.owner;
  }

  async run(): Promise<void> {
    while (!this.signal.aborted) {
      const row = this.d.store.get(this.jobId);
      if (!row || isFinal(row.status)) return;
      // Someone else holds it now (a takeover, or it was handed back): take it again when free.
      if (this.holdsLease && row.lease_owner !== this.owner) this.holdsLease = false;
      // Taken once; the runner renews it and stops this worker if another process takes it over.
      if (!this.holdsLease) {
        if (!this.d.leases.acquire(this.jobId)) {
          await sleep(WATCH_MS, this.signal);
          continue;
        }
        this.holdsLease = true;
      }
      await this.step(row);
    }
  }

  private async step(row: JobRow): Promise<void> {
    switch (row.status) {
      case 'queued':
        return this.submit(row);
      case 'submitting':
        return this.recoverSubmitting(row);
      case 'polling':
        return this.poll(row);
      case 'downloading':
        return this.downloader.download(row);
      case 'paused':
        return this.pauser.whilePaused(row);
      default:
        return;
    }
  }

  /** A `submitting` row we did not start ourselves: its sender died mid-request. */
  private recoverSubmitting(row: JobRow): void {
    const next = row.task_id
      ? this.d.store.move(row.id, 'submitting', 'polling', {}, this.nowIso(), this.owner)
      : this.d.store.move(
          row.id,
          'submitting',
          'unknown',
          this.errorFields(jobErrors.interruptedSubmit()),
          this.nowIso(),
          this.owner,
        );
    this.d.events.changed(next);
  }

  private async submit(row: JobRow): Promise<void> {
    const claimed = await this.d.slots.acquire(row.id, row.model, this.signal);
    if (!claimed) return;
    this.d.events.changed(claimed);
    const outcome = await submitJob(claimed, this.d.client(), this.d.library);
    const iso = this.nowIso();
    switch (outcome.kind) {
      case 'accepted': {
        this.d.network.reachable();
        this.d.networkBackoff.reset();
        this.d.rateBackoff.reset();
        const fields = {
          task_id: outcome.taskId,
          polling_url: outcome.pollingUrl,
          cost: outcome.cost,
          input_mp: outcome.inputMp,
          output_mp: outcome.outputMp,
          next_attempt_at: this.nowMs() + this.firstPollDelay(claimed),
        };
        const moved =
          this.d.store.move(row.id, 'submitting', 'polling', fields, iso, this.owner) ??
          recordLateAnswer(this.d, row.id, fields, iso);
        this.d.events.changed(moved);
        return;
      }
      case 'requeue': {
        const back = this.d.store.move(row.id, 'submitting', 'queued', { submitted_at: null }, iso, this.owner);
        if (outcome.offline) {
          this.d.network.offline(outcome.error.message);
          // Refusals from one burst of submits arrive together: they close the gate once, not once each.
          if (!this.d.slots.isClosed()) this.d.slots.closeUntil(this.nowMs() + this.d.networkBackoff.next());
        } else {
          this.d.slots.refused(outcome, () => this.d.rateBackoff.next());
          this.d.ctx.logger.warn('submit refused for now; waiting', { job: row.id, error: outcome.error });
        }
        this.d.events.changed(back);
        return;
      }
      case 'unknown':
      case 'failed': {
        if (outcome.kind === 'failed') this.d.network.reachable();
        this.d.ctx.logger.warn(`submit ${outcome.kind}`, { job: row.id, error: outcome.error });
        const done = this.d.store.move(
          row.id,
          'submitting',
          outcome.kind,
          this.errorFields(outcome.error),
          iso,
          this.owner,
        );
        this.d.slots.released();
        this.d.events.changed(done);
        return;
      }
    }
  }

  private elapsedMs(row: JobRow): number {
    return row.submitted_at ? this.nowMs() - Date.parse(row.submitted_at) : 0;
  }

  private firstPollDelay(row: JobRow): number {
    return nextPollDelay({ elapsedMs: this.elapsedMs(row), ...this.d.durations.timing(row.model) });
  }

  private async poll(row: JobRow): Promise<void> {
    if (!row.polling_url) {
      this.finish(row, 'polling', 'expired', jobErrors.pollDeadline(POLL_DEADLINE_MS / 60_000));
      return;
    }
    const wait = row.next_attempt_at - this.nowMs();
    if (wait > 0) await sleep(wait, this.signal);
    await this.d.budget.take(this.signal);
    if (this.signal.aborted) return;
    const outcome = await pollTask(this.d.client(), row.polling_url);
    const elapsed = this.elapsedMs(row);
    const iso = this.nowIso();
    const polls = row.polls + 1;
    // The deadline is checked against an answer, not before asking: a job resumed after a long
    // pause (or a day later) polls once, and a task BFL finished meanwhile is still fetched.
    if ((outcome.kind === 'running' || outcome.kind === 'retry') && elapsed > POLL_DEADLINE_MS) {
      this.finish({ ...row, polls }, 'polling', 'expired', jobErrors.pollDeadline(POLL_DEADLINE_MS / 60_000));
      return;
    }
    switch (outcome.kind) {
      case 'running': {
        this.d.network.reachable();
        this.pollBackoff.reset();
        const previous = { elapsedMs: this.lastPendingElapsedMs, progress: row.progress };
        this.lastPendingElapsedMs = elapsed;
        const delay = nextPollDelay({
          elapsedMs: elapsed,
          ...this.d.durations.timing(row.model),
          progress: outcome.progress,
          previous,
          retryAfterMs: outcome.retryAfterMs,
        });
        const progress = outcome.progress === null ? row.progress : Math.round(outcome.progress * 100) / 100;
        this.d.events.progressed(
          this.d.store.patch(
            row.id,
            'polling',
            { polls, progress, next_attempt_at: this.nowMs() + delay },
            iso,
            this.owner,
          ),
        );
        return;
      }
      case 'ready': {
        this.d.network.reachable();
        this.d.durations.observe(row.model, this.lastPendingElapsedMs, elapsed, row.progress);
        const fields = {
          polls,
          progress: 1,
          result_url: outcome.sample,
          result_seed: outcome.seed,
          result_prompt: outcome.prompt,
          result_json: JSON.stringify(outcome.result),
          ready_at: iso,
        };
        const moved = this.d.store.move(row.id, 'polling', 'downloading', fields, iso, this.owner);
        this.d.slots.released();
        this.d.events.changed(moved);
        return;
      }
      case 'retry': {
        if (outcome.offline) this.d.network.offline(outcome.error.message);
        const delay = this.pollBackoff.next(outcome.retryAfterMs);
        this.d.ctx.logger.warn('poll failed; will poll again', { job: row.id, error: outcome.error, delayMs: delay });
        this.d.store.patch(row.id, 'polling', { polls, next_attempt_at: this.nowMs() + delay }, iso, this.owner);
        return;
      }
      case 'pause':
        this.pauser.pause({ ...row, polls }, 'polling', outcome.error);
        return;
      default:
        this.d.network.reachable();
        this.finish({ ...row, polls }, 'polling', outcome.kind, outcome.error);
    }
  }

  private finish<F extends 'polling' | 'downloading'>(
    row: JobRow,
    from: F,
    to: Exclude<MoveFrom<F>, 'paused' | 'cancelled' | 'downloading'>,
    error: { code: string; message: string },
  ): void {
    const done = this.d.store.move(
      row.id,
      from,
      to,
      { ...this.errorFields(error), polls: row.polls },
      this.nowIso(),
      this.owner,
    );
    if (from === 'polling') this.d.slots.released();
    this.d.ctx.logger.info(`job ${to}`, { job: row.id, error });
    this.d.events.changed(done);
  }

  private errorFields(error: { code: string; message: string; field?: string }) {
    return {
      error_code: error.code,
      error_message: error.message,
      error_field: error.field ?? null,
      finished_at: this.nowIso(),
    };
  }
}
