/**
 * Rebuild: the index recreated from the image folder alone. Every file under `images/` and
 * `trash/images/` is read and its embedded record indexed — prompt, upsampled prompt, seed,
 * model, params, project (by name), favourite, rating, tags — and reference images under
 * `inputs/` get their rows back. Rows whose file is gone are marked missing, not dropped.
 * The watched folders' images are read again too, in place. Jobs are not touched: they are not
 * in the files and belong to the job runner.
 */
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { inspectInputImage } from '../../bfl/input-image';
import type { CoreContext } from '../../context';
import { walkImages } from '../files/file-walk';
import { linkedGenerationId, sha256Hex } from '../files/inputs';
import { scanAllImageFiles } from '../watched/watched-scan';
import { runPool } from './pool';
import { indexFiles, type MaintenanceDeps } from './reconcile';
import { markMissingRows } from './indexed-rows';
import { createReporter, type ProgressCallback, type TaskOutcome, type TaskReporter } from './tasks';
import { newId } from '../../ids';
import { readImageFile } from '../files/untrusted-image';

async function restoreInputs(db: DatabaseSync, home: string, now: Date, signal: AbortSignal): Promise<number> {
  const files: string[] = [];
  for await (const file of walkImages(path.join(home, 'inputs'))) files.push(file);
  let restored = 0;
  const insert = db.prepare(
    `INSERT OR IGNORE INTO inputs (hash, format, width, height, bytes, created_at, generation_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  await runPool(files, 4, signal, async (file) => {
    const bytes = await readImageFile(file).catch(() => null);
    if (!bytes) return;
    const hash = sha256Hex(bytes);
    // A file renamed by hand is not the input its name claims; skip it rather than mislink.
    if (path.parse(file).name !== hash) return;
    try {
      const info = inspectInputImage(bytes);
      insert.run(hash, info.format, info.width, info.height, info.bytes, now.toISOString(), linkedGenerationId(bytes));
      restored++;
    } catch {
      // Not a usable reference image any more; leave the file alone.
    }
  });
  return restored;
}

export async function rebuildIndex(deps: MaintenanceDeps, reporter: TaskReporter): Promise<TaskOutcome> {
  reporter.progress(0, 0, 'Looking at the image folder');
  const onDisk = await scanAllImageFiles(deps.home, deps.watched ?? [], reporter.signal);
  const files = [...onDisk.values()];
  reporter.progress(0, files.length, 'Reading embedded records');
  const indexed = await indexFiles(deps, files, reporter);
  if (reporter.signal.aborted) {
    return { done: indexed.done, failed: indexed.failed, message: `${indexed.done} of ${files.length} images indexed` };
  }
  const missing = await markMissingRows(deps.db, onDisk);
  const inputs = await restoreInputs(deps.db, deps.home, deps.now(), reporter.signal);
  const parts = [`${indexed.done} images indexed`, `${inputs} reference images`];
  if (missing) parts.push(`${missing} rows marked missing`);
  if (indexed.failed) parts.push(`${indexed.failed} files without a readable Seedbank record`);
  return { done: indexed.done, failed: indexed.failed, message: parts.join(', ') };
}

export interface PlainTaskOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

function depsOf(ctx: CoreContext): MaintenanceDeps {
  return { db: ctx.db, home: ctx.paths.home, now: ctx.now, logger: ctx.logger, watched: ctx.settings.watchList() };
}

export function plainReporter(kind: Parameters<typeof createReporter>[0], options: PlainTaskOptions): TaskReporter {
  return createReporter(kind, newId(), options.signal ?? new AbortController().signal, options.onProgress);
}

/** For the CLI: rebuilds the index of `ctx`'s library from its files (after `library.db` was deleted, say). */
export function rebuildLibrary(ctx: CoreContext, options: PlainTaskOptions = {}): Promise<TaskOutcome> {
  return rebuildIndex(depsOf(ctx), plainReporter('rebuild', options));
}
