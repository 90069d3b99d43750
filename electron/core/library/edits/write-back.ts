/**
 * Write-back: the file stays the truth. When a person favourites, rates, tags or moves an image,
 * the index changes at once and the file's embedded record follows in the background, so a
 * rebuild from the files loses nothing.
 *
 * The queue (rewrite-queue.ts, shared with the team library) holds ids, not changes: five quick
 * ratings of one image are one pending id and one rewrite, made from the row as it is when the
 * rewrite starts. File moves (trash, restore) pause the queue so a rewrite never recreates a file
 * at the place it was just moved from.
 */
import { readFile, stat } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import { embedRecord, readRecord, writeFileAtomic } from '../../metadata';
import type { Logger } from '../../logging/logger';
import { currentFile, findGenerationRow } from '../db/generation-row';
import { sha256Hex } from '../files/inputs';
import { absolutePath } from '../files/library-paths';
import { personFieldsMatch, withPersonFields } from './row-to-record';
import { isWatchedLocation } from '../watched/watched-paths';
import { RewriteQueue } from './rewrite-queue';

export interface WriteBackDeps {
  db: DatabaseSync;
  home: string;
  creatorTool: string;
  logger: Logger;
  /** Rewrites at once; files are small and the disk is the limit, not the CPU. */
  concurrency?: number;
}

/** The embedded library's write-back: the shared scheduling (rewrite-queue.ts) with its rewrite. */
export class WriteBackQueue extends RewriteQueue {
  constructor(deps: WriteBackDeps) {
    super({
      rewrite: (id) => rewriteEmbedded(deps, id),
      logger: deps.logger,
      ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }),
    });
  }
}

async function rewriteEmbedded(deps: WriteBackDeps, id: string): Promise<void> {
  const { db, home, creatorTool } = deps;
  const row = findGenerationRow(db, id);
  if (!row || row.missing === 1) return;
  const dirty = row.record_dirty;
  if (isWatchedLocation(row.file)) {
    // A watched folder's file is never written: the person's choices stay in the index (and go into the file on export).
    db.prepare('UPDATE generations SET record_dirty = 0 WHERE id = ? AND record_dirty = ?').run(id, dirty);
    return;
  }
  const file = absolutePath(home, currentFile(row));
  const bytes = new Uint8Array(await readFile(file));
  const fileRecord = readRecord(bytes);
  const record = withPersonFields(db, row, fileRecord);
  if (fileRecord && personFieldsMatch(fileRecord, record)) {
    db.prepare('UPDATE generations SET record_dirty = 0 WHERE id = ? AND record_dirty = ?').run(id, dirty);
    return;
  }
  const updated = embedRecord(bytes, record, { creatorTool });
  await writeFileAtomic(file, updated);
  const facts = await stat(file);
  // Keep reconcile from taking our own rewrite for an outside edit; an edit made while we
  // were writing bumped record_dirty past `dirty` and stays pending.
  db.prepare(
    `UPDATE generations SET file_bytes = ?, file_mtime_ms = ?, sha256 = ?,
         record_dirty = CASE WHEN record_dirty = ? THEN 0 ELSE record_dirty END WHERE id = ?`,
  ).run(facts.size, Math.round(facts.mtimeMs), sha256Hex(updated), dirty, id);
}
