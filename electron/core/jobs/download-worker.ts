/**
 * The `downloading` stage of one job: fetch the sample, keep it durably, store it in the library,
 * mark the job done. A paid result is never given up on because of our side: a short or damaged
 * delivery is fetched again while the 10-minute URL lives, then BFL is asked for the task again
 * (a fresh URL) before the job expires; a full disk or a library that keeps refusing the image
 * pauses the job (bytes kept) until a write succeeds. It keeps its own retry state for the life
 * of the job's worker.
 */
import { BflError, type BflClient } from '../bfl';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import type { Library } from '../library/library';
import { Backoff, sleep } from './backoff';
import {
  adoptParked,
  discardParked,
  fetchResult,
  isDiskFull,
  parkResult,
  SAMPLE_LIFETIME_MS,
  storeResult,
  type DownloadFiles,
} from './download-step';
import { jobErrors } from './job-errors';
import type { JobEvents } from './job-events';
import type { JobRow } from './job-row';
import type { JobStore } from './job-store';
import type { LeaseManager } from './lease';
import { pollTask } from './poll-step';
import type { ResultStore } from './result-store';

/** The part of the worker's dependencies the download stage uses. */
export interface DownloadDeps {
  ctx: CoreContext;
  library: Library;
  /** Where finished images land (this computer's library or the team's). */
  results: ResultStore;
  store: JobStore;
  leases: Pick<LeaseManager, 'owner'>;
  events: JobEvents;
  files: DownloadFiles;
  client(): BflClient;
}

/** How the stage ends a job; the worker owns these so every stage ends and pauses jobs alike. */
export interface DownloadEnds {
  expire(row: JobRow, error: { code: string; message: string }): void;
  pause(row: JobRow, error: { code: string; message: string }): void;
}

/** A downloaded image the library refuses (not for lack of space) is tried this often before the job pauses. */
const MAX_STORE_ATTEMPTS = 5;
/** How many "the file is gone" answers from the delivery host are believed for one URL. */
const GONE_ANSWERS_BELIEVED = 3;
/** How many short or damaged deliveries one URL gets before BFL is asked for the task again. */
const BAD_DELIVERIES_PER_URL = 4;
/** How often BFL is asked again for a task whose sample could not be fetched, before it expires. */
const MAX_REPOLLS = 2;

export class DownloadWorker {
  private readonly downloadBackoff = new Backoff({ baseMs: 500, maxMs: 30_000 });
  private storeFailures = 0;
  private goneAnswers = 0;
  private badDeliveries = 0;
  private repolls = 0;
  /** Whole bytes that could not be parked yet (disk full): written as soon as a write succeeds. */
  private unparked: Uint8Array | null = null;

  constructor(
    private readonly d: DownloadDeps,
    private readonly signal: AbortSignal,
    private readonly end: DownloadEnds,
  ) {}

  private nowMs = () => this.d.ctx.now().getTime();
  private nowIso = () => this.d.ctx.now().toISOString();
  private get owner() {
    return this.d.leases.owner;
  }

  private async alreadyStored(generationId: string | null): Promise<boolean> {
    if (!generationId) return false;
    try {
      return await this.d.results.has(generationId);
    } catch {
      return false;
    }
  }

  async download(row: JobRow): Promise<void> {
    const tmpDir = this.d.ctx.paths.tmpDir;
    if (await this.alreadyStored(row.generation_id)) {
      // A run stopped between storing the image and finishing the job: the parked copy is spent.
      await discardParked(tmpDir, row.id);
      this.complete(row, row.generation_id!);
      return;
    }
    const started = performance.now();
    let bytes = this.unparked ?? (await adoptParked(tmpDir, row.id));
    const parked = bytes !== null && this.unparked === null;
    if (!bytes) bytes = await this.fetch(row);
    if (!bytes) return;
    const downloaded = performance.now();
    if (!parked) {
      try {
        await parkResult(this.d.files, tmpDir, row.id, bytes);
        this.unparked = null;
      } catch (err) {
        this.unparked = bytes;
        this.d.ctx.logger.error('could not keep the downloaded image', { job: row.id, error: err });
        this.end.pause(row, this.notKept(err, bytes.length, tmpDir));
        return;
      }
    }
    const generationId = row.generation_id ?? newId(this.nowMs());
    const withId = row.generation_id
      ? row
      : this.d.store.patch(row.id, 'downloading', { generation_id: generationId }, this.nowIso(), this.owner);
    if (!withId) return;
    try {
      await storeResult(this.d.results, {
        row: withId,
        bytes,
        generationId,
        projectName: this.d.store.projectName(row.project_id),
        finishedAt: this.nowIso(),
      });
    } catch (err) {
      this.storeFailures += 1;
      this.d.ctx.logger.error('storing a downloaded image failed', { job: row.id, error: err });
      if (isDiskFull(err) || this.storeFailures >= MAX_STORE_ATTEMPTS) {
        this.storeFailures = 0;
        this.end.pause(withId, this.notKept(err, bytes.length, this.d.ctx.paths.home));
        return;
      }
      await sleep(this.downloadBackoff.next(), this.signal);
      return;
    }
    // The image is in the library: the parked copy goes before the job is marked done, so a run
    // killed in between leaves a `downloading` job that the resume above finishes, never an
    // orphan copy beside a `done` job.
    await discardParked(tmpDir, row.id);
    this.complete(withId, generationId);
    this.d.ctx.logger.info('job done', {
      job: row.id,
      generation: generationId,
      downloadMs: Math.round(downloaded - started),
      storeMs: Math.round(performance.now() - downloaded),
    });
  }

  private notKept(err: unknown, size: number, folder: string) {
    // The image, its embedded record and a thumbnail: a little more than the delivered bytes.
    if (isDiskFull(err)) return jobErrors.diskFull(size + 512 * 1024, folder);
    return jobErrors.notKept(err instanceof Error ? err.message : String(err));
  }

  /** One delivery attempt: whole bytes, or null after arranging what happens next. */
  private async fetch(row: JobRow): Promise<Uint8Array | null> {
    try {
      return await fetchResult(row, this.d.client(), this.signal);
    } catch (err) {
      if (this.signal.aborted) return null;
      this.d.ctx.logger.warn('download failed', { job: row.id, error: err });
      const readyAt = row.ready_at ? Date.parse(row.ready_at) : 0;
      const urlDeadAt = readyAt + SAMPLE_LIFETIME_MS;
      // The delivery host saying the file is gone (403/404/410) is believed after a few tries;
      // a body cut short or not an image is fetched again a few times while the URL lives.
      if (err instanceof BflError && !err.retryable) this.goneAnswers += 1;
      else if (!(err instanceof BflError) || err.sent !== 'no') this.badDeliveries += 1;
      if (
        this.goneAnswers >= GONE_ANSWERS_BELIEVED ||
        this.badDeliveries >= BAD_DELIVERIES_PER_URL ||
        this.nowMs() > urlDeadAt
      ) {
        await this.askAgain(row);
        return null;
      }
      await sleep(Math.min(this.downloadBackoff.next(), urlDeadAt - this.nowMs() + 1), this.signal);
      return null;
    }
  }

  /** The sample could not be fetched from this URL: ask BFL for the task again, for a fresh one. */
  private async askAgain(row: JobRow): Promise<void> {
    const lost = this.badDeliveries >= BAD_DELIVERIES_PER_URL ? jobErrors.deliveryBroken() : jobErrors.sampleExpired();
    if (this.repolls >= MAX_REPOLLS || !row.polling_url) {
      this.end.expire(row, lost);
      return;
    }
    this.repolls += 1;
    this.goneAnswers = 0;
    this.badDeliveries = 0;
    this.downloadBackoff.reset();
    const outcome = await pollTask(this.d.client(), row.polling_url);
    if (this.signal.aborted) return;
    const iso = this.nowIso();
    switch (outcome.kind) {
      case 'ready':
        this.d.ctx.logger.info('asked BFL again for a fresh result URL', { job: row.id });
        this.d.store.patch(
          row.id,
          'downloading',
          { result_url: outcome.sample, ready_at: iso, result_json: JSON.stringify(outcome.result) },
          iso,
          this.owner,
        );
        return;
      case 'pause':
        this.end.pause(row, outcome.error);
        return;
      case 'retry':
        // Not an answer: this try does not count.
        this.repolls -= 1;
        await sleep(this.downloadBackoff.next(outcome.retryAfterMs), this.signal);
        return;
      default:
        this.end.expire(row, lost);
    }
  }

  private complete(row: JobRow, generationId: string): void {
    const iso = this.nowIso();
    const done = this.d.store.move(
      row.id,
      'downloading',
      'done',
      { generation_id: generationId, finished_at: iso, progress: 1 },
      iso,
      this.owner,
    );
    this.d.events.changed(done);
  }
}
