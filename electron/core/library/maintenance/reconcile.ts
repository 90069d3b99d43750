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

interface IndexedRow {
  id: string;
  file: string;
  trashed_at: string | null;
  missing: number;
  file_bytes: number | null;
  file_mtime_ms: number | null;
  sha256: string | null;
  thumb_made_at: string | null;
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

/** Rows whose file is not on disk become `missing`; rows whose file is back lose the flag. */
export function markMissing(db: DatabaseSync, rows: readonly IndexedRow[], onDisk: Map<string, FileOnDisk>): number {
  let marked = 0;
  transaction(db, () => {
    const set = db.prepare('UPDATE generations SET missing = ? WHERE id = ?');
    for (const row of rows) {
      const present = onDisk.has(row.file);
      if (!present && row.missing === 0) {
        set.run(1, row.id);
        marked++;
      }
    }
  });
  return marked;
}

const ROWS_PER_SLICE = 5_000;

/**
 * Every row's file facts, read a slice at a time in rowid order (no VACUUM runs meanwhile) with a pause between slices, so a
 * request that comes in while 100,000 rows load is answered between two slices.
 */
export async function loadIndexedRows(db: DatabaseSync): Promise<IndexedRow[]> {
  const slice = db.prepare(
    `SELECT rowid AS slice_key, id, file, trashed_at, missing, file_bytes, file_mtime_ms, sha256, thumb_made_at
     FROM generations WHERE rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_SLICE}`,
  );
  const rows: IndexedRow[] = [];
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const part = slice.all(after) as unknown as (IndexedRow & { slice_key: number })[];
    rows.push(...part);
    if (part.length < ROWS_PER_SLICE) return rows;
    after = part.at(-1)!.slice_key;
    await yieldToEventLoop();
  }
}

export async function reconcileLibrary(deps: MaintenanceDeps, reporter: TaskReporter): Promise<TaskOutcome> {
  const { db, home } = deps;
  reporter.progress(0, 0, 'Looking at the image folder');
  const leftovers = await removeTempLeftovers(home, deps.now(), deps.logger, reporter.signal);
  const onDisk = await scanAllImageFiles(home, deps.watched ?? [], reporter.signal);
  const rows = await loadIndexedRows(db);
  const byHome = new Map(rows.map((row) => [row.file, row]));

  const toIndex: FileOnDisk[] = [];
  for (const file of onDisk.values()) {
    const row = byHome.get(file.home);
    const changed =
      !row ||
      row.missing === 1 ||
      row.sha256 === null ||
      row.file_bytes !== file.size ||
      row.file_mtime_ms !== Math.round(file.mtimeMs) ||
      (row.trashed_at !== null) !== file.trashed;
    if (changed) toIndex.push(file);
  }
  const missing = markMissing(db, rows, onDisk);

  const thumbs = await scanThumbnails(home);
  let staleThumbs = 0;
  transaction(db, () => {
    const clear = db.prepare('UPDATE generations SET thumb_made_at = NULL WHERE id = ?');
    for (const row of rows) {
      const file = onDisk.get(row.file);
      if (!file) continue;
      const present = (file.trashed ? thumbs.trashed : thumbs.live).has(`${row.id}.webp`);
      if (!present && row.thumb_made_at !== null) {
        clear.run(row.id);
        staleThumbs++;
      }
    }
  });

  const indexed = await indexFiles(deps, toIndex, reporter);
  const parts = [`${indexed.done} files indexed`, `${missing} marked missing`, `${staleThumbs} thumbnails to remake`];
  if (indexed.failed) parts.push(`${indexed.failed} files without a readable Seedbank record`);
  if (leftovers) parts.push(`${leftovers} unfinished writes cleared`);
  return { done: indexed.done + missing, failed: indexed.failed, message: parts.join(', ') };
}
