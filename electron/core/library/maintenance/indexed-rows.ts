/**
 * The index's file facts, walked a slice at a time: what reconcile and rebuild compare with the
 * folder. A slice is handled and dropped before the next is read, with a turn of the event loop
 * between slices, so a request that comes in meanwhile waits for one slice — and 100,000 rows are
 * never held at once (holding them made every reconcile promote ~100,000 objects to V8's old
 * generation and pay for them in major GCs while the page was loading: docs/performance.md).
 */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../db/database';
import { yieldToEventLoop } from '../files/file-walk';
import type { FileOnDisk } from '../files/library-scan';

/** One row's file facts; what is only tested for NULL comes as a 0/1 flag, not as its text. */
export interface IndexedRow {
  id: string;
  file: string;
  missing: number;
  trashed: number;
  noHash: number;
  hasThumb: number;
  file_bytes: number | null;
  file_mtime_ms: number | null;
}

const ROWS_PER_SLICE = 2_000;

/**
 * Calls `visit` with the rows in rowid order, a slice at a time. Only rows that existed when the
 * walk began: one added meanwhile was made by the app after the folder was looked at, and must
 * not be judged against that older look (it would be marked missing).
 */
export async function forEachIndexedRowSlice(
  db: DatabaseSync,
  visit: (rows: readonly IndexedRow[]) => void,
): Promise<void> {
  const last = (db.prepare('SELECT max(rowid) AS last FROM generations').get() as { last: number | null }).last;
  if (last === null) return;
  const slice = db.prepare(
    `SELECT rowid AS slice_key, id, file, missing, trashed_at IS NOT NULL AS trashed, sha256 IS NULL AS noHash,
            thumb_made_at IS NOT NULL AS hasThumb, file_bytes, file_mtime_ms
     FROM generations WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ${ROWS_PER_SLICE}`,
  );
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = slice.all(after, last) as unknown as (IndexedRow & { slice_key: number })[];
    if (rows.length > 0) visit(rows);
    if (rows.length < ROWS_PER_SLICE) return;
    after = rows.at(-1)!.slice_key;
    await yieldToEventLoop();
  }
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

/** Marks missing, across the whole index, the rows whose file is not on disk. */
export async function markMissingRows(db: DatabaseSync, onDisk: Map<string, FileOnDisk>): Promise<number> {
  let marked = 0;
  await forEachIndexedRowSlice(db, (rows) => (marked += markMissing(db, rows, onDisk)));
  return marked;
}
