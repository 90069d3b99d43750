/**
 * The `downloading` stage of one job: fetch the sample, store it in the library, mark the job done.
 * It keeps its own retry state (store failures, "gone" answers, backoff) for the life of the job's
 * worker, so a library that keeps refusing the image or a delivery host that keeps saying the file
 * is gone ends the job after a few tries instead of looping until the 10-minute window closes.
 */
import { BflError, type BflClient } from '../bfl';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import type { Library } from '../library/library';
import { Backoff, sleep } from './backoff';
import { discardParked, fetchResult, parkResult, SAMPLE_LIFETIME_MS, storeResult } from './download-step';
import { jobErrors } from './job-errors';
import type { JobEvents } from './job-events';
import type { JobRow } from './job-row';
import type { JobStore } from './job-store';
import type { LeaseManager } from './lease';

/** The part of the worker's dependencies the download stage uses. */
export interface DownloadDeps {
  ctx: CoreContext;
  library: Library;
  store: JobStore;
  leases: Pick<LeaseManager, 'owner'>;
  events: JobEvents;
  client(): BflClient;
}

/** Ends the job from `downloading` with an error; the worker owns this so every stage ends jobs alike. */
export type FailDownload = (row: JobRow, to: 'expired' | 'failed', error: { code: string; message: string }) => void;

/** A downloaded image that cannot be stored is tried this often before the job is failed (file kept). */
const MAX_STORE_ATTEMPTS = 5;
/** How many "the file is gone" answers from the delivery host end the wait for the 10-minute window. */
const GONE_ANSWERS_BELIEVED = 3;

export class DownloadWorker {
  private readonly downloadBackoff = new Backoff({ baseMs: 500, maxMs: 30_000 });
  private storeFailures = 0;
  private goneAnswers = 0;

  constructor(
    private readonly d: DownloadDeps,
    private readonly signal: AbortSignal,
    private readonly fail: FailDownload,
  ) {}

  private nowMs = () => this.d.ctx.now().getTime();
  private nowIso = () => this.d.ctx.now().toISOString();
  private get owner() {
    return this.d.leases.owner;
  }

  private alreadyStored(generationId: string | null): boolean {
    if (!generationId) return false;
    try {
      return Boolean(this.d.library.getGeneration(generationId));
    } catch {
      return false;
    }
  }

  async download(row: JobRow): Promise<void> {
    const tmpDir = this.d.ctx.paths.tmpDir;
    if (this.alreadyStored(row.generation_id)) {
      this.complete(row, row.generation_id!);
      return;
    }
    const started = performance.now();
    let bytes: Uint8Array;
    try {
      bytes = await fetchResult(row, this.d.client(), tmpDir, this.signal);
    } catch (err) {
      if (this.signal.aborted) return;
      const readyAt = row.ready_at ? Date.parse(row.ready_at) : 0;
      this.d.ctx.logger.warn('download failed', { job: row.id, error: err });
      // The delivery host saying the file is gone (403/404/410) is believed after a few tries.
      const gone = err instanceof BflError && !err.retryable && ++this.goneAnswers >= GONE_ANSWERS_BELIEVED;
      if (gone || this.nowMs() > readyAt + SAMPLE_LIFETIME_MS) {
        this.fail(row, 'expired', jobErrors.sampleExpired());
        return;
      }
      await sleep(Math.min(this.downloadBackoff.next(), readyAt + SAMPLE_LIFETIME_MS - this.nowMs() + 1), this.signal);
      return;
    }
    const downloaded = performance.now();
    const generationId = row.generation_id ?? newId(this.nowMs());
    const withId = row.generation_id
      ? row
      : this.d.store.patch(row.id, 'downloading', { generation_id: generationId }, this.nowIso(), this.owner);
    if (!withId) return;
    try {
      await storeResult(this.d.library, {
        row: withId,
        bytes,
        generationId,
        projectName: this.d.store.projectName(row.project_id),
        finishedAt: this.nowIso(),
      });
    } catch (err) {
      this.storeFailures += 1;
      this.d.ctx.logger.error('storing a downloaded image failed', { job: row.id, error: err });
      await parkResult(tmpDir, row.id, bytes).catch((parkErr: unknown) =>
        this.d.ctx.logger.error('could not park the downloaded image', { job: row.id, error: parkErr }),
      );
      if (this.storeFailures >= MAX_STORE_ATTEMPTS) {
        const message = `The image was downloaded but could not be added to the library (${err instanceof Error ? err.message : String(err)}); it is kept in ${tmpDir}.`;
        this.fail(row, 'failed', { code: 'INTERNAL', message });
        return;
      }
      await sleep(this.downloadBackoff.next(), this.signal);
      return;
    }
    this.complete(withId, generationId);
    this.d.ctx.logger.info('job done', {
      job: row.id,
      generation: generationId,
      downloadMs: Math.round(downloaded - started),
      storeMs: Math.round(performance.now() - downloaded),
    });
    if (this.storeFailures > 0) await discardParked(tmpDir, row.id);
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
