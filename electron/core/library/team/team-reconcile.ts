/**
 * Reconcile on the team library: make the team index agree with the shared folder after anything
 * happened outside the app — a crash between a file move and its row (trash, restore), a file
 * deleted or put back by hand, a file copied in with its record. The embedded reconcile's rules
 * (maintenance/reconcile.ts), on the team's rows:
 *   - a file without a row, or whose size, time or trash state differs from its row, is indexed
 *     again from its embedded record (a row's edits not yet written back are newer than the file,
 *     and are kept);
 *   - a row without a file is marked missing — never dropped, the file may come back.
 * Thumbnails are per workstation (no bookkeeping here) and temp leftovers are left alone: on a
 * share another workstation may be writing one right now.
 */
import { stat } from 'node:fs/promises';
import type pg from 'pg';
import { detectFormat, readRecord } from '../../metadata';
import type { Logger } from '../../logging/logger';
import { sha256Hex } from '../files/inputs';
import { absolutePath } from '../files/library-paths';
import { scanLibraryFiles, type FileOnDisk } from '../files/library-scan';
import { admitRecord, readImageFile } from '../files/untrusted-image';
import { overlayPersonFields } from '../edits/row-to-record';
import type { TaskOutcome, TaskReporter } from '../maintenance/tasks';
import type { TeamLibraryStore } from './team-store';
import { selectTeamRows, teamRecordOf } from './team-rows';

interface IndexedRow {
  id: string;
  file: string;
  trashed_at: string | null;
  missing: number;
  file_bytes: number | null;
  file_mtime_ms: number | null;
  sha256: string | null;
}

export interface TeamReconcileDeps {
  pool: pg.Pool;
  store: TeamLibraryStore;
  folder: string;
  logger: Pick<Logger, 'warn'>;
}

function changed(row: IndexedRow | undefined, file: FileOnDisk): boolean {
  return (
    !row ||
    row.missing === 1 ||
    row.sha256 === null ||
    row.file_bytes !== file.size ||
    row.file_mtime_ms !== Math.round(file.mtimeMs) ||
    (row.trashed_at !== null) !== file.trashed
  );
}

/** Indexes one file again from its record; null when it was, else why not. */
async function indexAgain(
  deps: TeamReconcileDeps,
  file: FileOnDisk,
  onDisk: ReadonlyMap<string, FileOnDisk>,
): Promise<string | null> {
  const data = await readImageFile(absolutePath(deps.folder, file.location));
  const found = readRecord(data);
  const format = detectFormat(data);
  if (!found || !format) return 'no readable Seedbank record';
  const { record, reIded } = await admitRecord(found, data, new Date());
  // Giving it an id would rewrite a file on the share: that is an import's job.
  if (reIded) return 'its record has no Seedbank id (import it into this computer’s library, then push)';
  const existing = (await selectTeamRows(deps.pool, [record.id]))[0];
  // Two files with one record id (a copy made outside the app): the file the row points at keeps it while it exists.
  if (existing && existing.file !== file.home && onDisk.has(existing.file))
    return `its id is already ${existing.file}’s`;
  // Edits not yet written back to the file are newer than the file: keep them.
  const fromRow = existing && existing.record_dirty > 0 ? await teamRecordOf(deps.pool, existing) : null;
  const indexed = fromRow ? overlayPersonFields(fromRow, record) : record;
  const facts = await stat(absolutePath(deps.folder, file.location));
  await deps.store.addGeneration({
    record: indexed,
    file: { file: file.home, format, bytes: facts.size, mtimeMs: facts.mtimeMs, sha256: sha256Hex(data) },
    jobId: existing?.job_id ?? null,
    projectId: indexed.projectName ? await deps.store.ensureProject(indexed.projectName) : null,
    trashedAt: file.trashed ? (existing?.trashed_at ?? new Date(facts.mtimeMs).toISOString()) : null,
    thumbMadeAt: null,
  });
  return null;
}

export async function reconcileTeamLibrary(deps: TeamReconcileDeps, reporter: TaskReporter): Promise<TaskOutcome> {
  reporter.progress(0, 0, 'Looking at the shared folder');
  const onDisk = await scanLibraryFiles(deps.folder, reporter.signal);
  const { rows } = await deps.pool.query<IndexedRow>(
    'SELECT id, file, trashed_at, missing, file_bytes, file_mtime_ms, sha256 FROM generations',
  );
  const byHome = new Map(rows.map((row) => [row.file, row]));
  const gone = rows.filter((row) => row.missing === 0 && !onDisk.has(row.file)).map((row) => row.id);
  const marked = await deps.pool.query('UPDATE generations SET missing = 1 WHERE id = ANY($1) AND missing = 0', [gone]);

  const toIndex = [...onDisk.values()].filter((file) => changed(byHome.get(file.home), file));
  let done = 0;
  let failed = 0;
  for (const [i, file] of toIndex.entries()) {
    if (reporter.signal.aborted) break;
    try {
      const why = await indexAgain(deps, file, onDisk);
      if (why === null) done++;
      else {
        failed++;
        deps.logger.warn('file not indexed', { file: file.location, reason: why });
      }
    } catch (err) {
      failed++;
      deps.logger.warn('file not indexed', { file: file.location, reason: String(err) });
    }
    reporter.progress(i + 1, toIndex.length);
  }
  const missing = marked.rowCount ?? 0;
  const parts = [`${done} files indexed`, `${missing} marked missing`];
  if (failed) parts.push(`${failed} files without a readable Seedbank record`);
  return { done: done + missing, failed, message: parts.join(', ') };
}
