/**
 * Write-back on the team library: a rating, favourite, tag or project change goes into the
 * image file's embedded record (the file stays the truth, as in the embedded library). Several
 * workstations may rewrite the same file: each rewrite holds a PostgreSQL advisory lock on that
 * generation for its transaction, and reads the row inside the lock, so two workstations never
 * rewrite one file at once and the later rewrite always carries the later row. An edit committed
 * while a rewrite runs bumps `record_dirty` past the value read, so it stays pending and its own
 * write-back (waiting on the lock) follows.
 */
import { readFile, stat } from 'node:fs/promises';
import type pg from 'pg';
import type { Logger } from '../../logging/logger';
import { RewriteQueue } from '../edits/rewrite-queue';
import { embedRecord, readRecord } from '../../metadata';
import { writeFileAtomic } from '../../metadata/atomic-write';
import { currentFile } from '../db/generation-row';
import { overlayPersonFields, personFieldsMatch } from '../edits/row-to-record';
import { sha256Hex } from '../files/inputs';
import { absolutePath } from '../files/library-paths';
import { inTransaction } from './team-connection';
import { selectTeamRows, teamRecordOf } from './team-rows';

/** Advisory lock class for file write-back (the two-key form: class, hash of the generation id). */
export const WRITE_BACK_LOCK_CLASS = 2;

export type WriteBackOutcome = 'written' | 'unchanged' | 'gone';

export async function writeBackTeamFile(
  pool: pg.Pool,
  folder: string,
  id: string,
  creatorTool: string,
): Promise<WriteBackOutcome> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [WRITE_BACK_LOCK_CLASS, id]);
    const row = (await selectTeamRows(client, [id]))[0];
    if (!row || row.missing === 1) return 'gone';
    const dirty = row.record_dirty;
    const fromRow = await teamRecordOf(client, row);
    const file = absolutePath(folder, currentFile(row));
    const bytes = new Uint8Array(await readFile(file));
    const fileRecord = readRecord(bytes);
    const record = overlayPersonFields(fromRow, fileRecord);
    if (fileRecord && personFieldsMatch(fileRecord, record)) {
      await client.query('UPDATE generations SET record_dirty = 0 WHERE id = $1 AND record_dirty = $2', [id, dirty]);
      return 'unchanged';
    }
    const updated = embedRecord(bytes, record, { creatorTool });
    await writeFileAtomic(file, updated);
    const facts = await stat(file);
    await client.query(
      `UPDATE generations SET file_bytes = $1, file_mtime_ms = $2, sha256 = $3,
         record_dirty = CASE WHEN record_dirty = $4 THEN 0 ELSE record_dirty END WHERE id = $5`,
      [facts.size, Math.round(facts.mtimeMs), sha256Hex(updated), dirty, id],
    );
    return 'written';
  });
}

export interface TeamWriteBackOptions {
  /** Names the app in the rewritten files (`Seedbank <version>`). */
  creatorTool: string;
  logger: Pick<Logger, 'warn'>;
  /** Edits of a burst within this are written back together (default 500 ms). */
  delayMs?: number;
  /** A failed rewrite (share or server away) is tried again after this (default 30 s). */
  retryMs?: number;
}

const WRITE_BACK_DELAY_MS = 500;
const WRITE_BACK_RETRY_MS = 30_000;

/** The background write-back of one workstation (the scheduling is the embedded library's, rewrite-queue.ts). */
export function teamWriteBackQueue(pool: pg.Pool, folder: string, options: TeamWriteBackOptions): RewriteQueue {
  return new RewriteQueue({
    rewrite: async (id) => {
      await writeBackTeamFile(pool, folder, id, options.creatorTool);
    },
    logger: options.logger,
    delayMs: options.delayMs ?? WRITE_BACK_DELAY_MS,
    retryMs: options.retryMs ?? WRITE_BACK_RETRY_MS,
  });
}

/** Ids whose file has not caught up with its row (edited on any workstation), oldest first. */
export async function dirtyTeamIds(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id FROM generations WHERE record_dirty > 0 AND missing = 0 ORDER BY seq',
  );
  return rows.map((row) => row.id);
}
