/**
 * Reconcile: make the index agree with the folder after anything happened outside the app
 * (files copied in, deleted, edited, a crash between a move and its row update).
 *   - a file without a row is indexed from its embedded record;
 *   - a row without a file is marked missing — never dropped, the file may come back;
 *   - a file whose size or time changed is read again (another tool edited its metadata);
 *   - a missing thumbnail is queued to be made again;
 *   - the hidden temp file of a write killed half-way is removed once it is a minute old.
 * Only changed files are read, so a reconcile of an unchanged library is a directory walk.
 * The watched folders are reconciled alike (their images are read in place, never written).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../../logging/logger';
import { transaction } from '../db/database';
import { inSlicedTransactions } from '../db/sliced-transactions';
import { saveReadFile, type ReadFile, type readLibraryFile } from './index-file';
import { yieldToEventLoop } from '../files/file-walk';
import { scanThumbnails, type FileOnDisk } from '../files/library-scan';
import type { StoredWatchedFolder } from '../../settings/watch-list';
import { fileReader } from '../watched/read-watched-file';
import { scanAllImageFiles } from '../watched/watched-scan';
import { runPool } from './pool';
import type { TaskOutcome, TaskReporter } from './tasks';
import { removeTempLeftovers } from '../files/temp-leftovers';
import { forEachIndexedRowSlice, markMissing, type IndexedRow } from './indexed-rows';

export interface MaintenanceDeps {
  db: DatabaseSync;
  home: string;
  now: () => Date;
  logger: Logger;
  /** How a file is read and parsed (a seam: tests count the reads). */
  readFile?: typeof readLibraryFile;
  /** The folders indexed in place (the watch list); their images are read, never written. */
  watched?: readonly StoredWatchedFolder[];
}

const BATCH = 200;

/**
 * Indexes the given files: read in parallel 200 at a time, then saved in short transactions
 * (sliced-transactions.ts says why neither one per file nor one per batch).
 */
export async function indexFiles(deps: MaintenanceDeps, files: readonly FileOnDisk[], reporter: TaskReporter) {
  let done = 0;
  let failed = 0;
  let handled = 0;
  const fail = (location: string, reason: string) => {
    failed++;
    deps.logger.warn('file not indexed', { file: location, reason });
  };
  const readFile = deps.readFile ?? fileReader(deps.watched ?? []);
  for (let start = 0; start < files.length && !reporter.signal.aborted; start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    const read: { location: string; file: ReadFile }[] = [];
    await runPool(batch, 8, reporter.signal, async (file) => {
      try {
        const outcome = await readFile(deps.db, deps.home, file.location, deps.now());
        if (outcome.kind === 'read') read.push({ location: file.location, file: outcome.file });
        else fail(file.location, outcome.kind);
      } catch (err) {
        fail(file.location, String(err));
      }
      reporter.progress(++handled, files.length);
    });
    await inSlicedTransactions(deps.db, read, (item) => {
      try {
        const outcome = saveReadFile(deps.db, item.file, deps.now());
        if (outcome.kind === 'indexed') done++;
        else fail(item.location, outcome.kind);
      } catch (err) {
        fail(item.location, String(err));
      }
    });
    await yieldToEventLoop();
  }
  return { done, failed };
}

/** Whether a file must be read again: new to its row, back from missing, unhashed, or changed on disk. */
function hasChanged(row: IndexedRow, file: FileOnDisk): boolean {
  return (
    row.missing === 1 ||
    row.noHash === 1 ||
    row.file_bytes !== file.size ||
    row.file_mtime_ms !== Math.round(file.mtimeMs) ||
    (row.trashed === 1) !== file.trashed
  );
}

/** Rows on disk whose thumbnail file is gone get it made again (their made-at mark is cleared). */
function clearStaleThumbs(
  db: DatabaseSync,
  rows: readonly IndexedRow[],
  onDisk: Map<string, FileOnDisk>,
  thumbs: { live: Set<string>; trashed: Set<string> },
): number {
  let cleared = 0;
  transaction(db, () => {
    const clear = db.prepare('UPDATE generations SET thumb_made_at = NULL WHERE id = ?');
    for (const row of rows) {
      const file = onDisk.get(row.file);
      if (!file) continue;
      const present = (file.trashed ? thumbs.trashed : thumbs.live).has(`${row.id}.webp`);
      if (!present && row.hasThumb === 1) {
        clear.run(row.id);
        cleared++;
      }
    }
  });
  return cleared;
}

export async function reconcileLibrary(deps: MaintenanceDeps, reporter: TaskReporter): Promise<TaskOutcome> {
  const { db, home } = deps;
  reporter.progress(0, 0, 'Looking at the image folder');
  const leftovers = await removeTempLeftovers(home, deps.now(), deps.logger, reporter.signal);
  const onDisk = await scanAllImageFiles(home, deps.watched ?? [], reporter.signal);
  const thumbs = await scanThumbnails(home);

  // One pass over the rows, a slice at a time (indexed-rows.ts says why not all at once).
  const toIndex: FileOnDisk[] = [];
  const known = new Set<string>();
  let missing = 0;
  let staleThumbs = 0;
  await forEachIndexedRowSlice(db, (rows) => {
    missing += markMissing(db, rows, onDisk);
    staleThumbs += clearStaleThumbs(db, rows, onDisk, thumbs);
    for (const row of rows) {
      const file = onDisk.get(row.file);
      if (!file) continue;
      known.add(row.file);
      if (hasChanged(row, file)) toIndex.push(file);
    }
  });
  for (const file of onDisk.values()) if (!known.has(file.home)) toIndex.push(file);

  const indexed = await indexFiles(deps, toIndex, reporter);
  const parts = [`${indexed.done} files indexed`, `${missing} marked missing`, `${staleThumbs} thumbnails to remake`];
  if (indexed.failed) parts.push(`${indexed.failed} files without a readable Seedbank record`);
  if (leftovers) parts.push(`${leftovers} unfinished writes cleared`);
  return { done: indexed.done + missing, failed: indexed.failed, message: parts.join(', ') };
}
