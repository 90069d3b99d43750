/**
 * Trash, restore and empty-trash on the team library. Files first, then rows (as the embedded
 * trash), with the rows locked meanwhile: another workstation emptying the trash or restoring the
 * same images waits, so a file is never moved for a row that is being deleted (after a crash in
 * between, reconcile puts the row right).
 *
 * A move also takes each image's write-back lock (team-write-back.ts) before its row locks, so a
 * background rewrite never recreates a file at the place it was just moved from — the team form of
 * the embedded library pausing write-back while files move. Ids are locked in one order (sorted)
 * so two workstations moving overlapping selections cannot deadlock.
 */
import { rm } from 'node:fs/promises';
import type pg from 'pg';
import type { GenerationRow } from '../db/generation-row';
import { move } from '../edits/trash';
import { absolutePath, trashedLocation } from '../files/library-paths';
import { inTransaction } from './team-connection';
import { TEAM_GENERATION_COLUMNS } from './team-gallery';
import { WRITE_BACK_LOCK_CLASS } from './team-write-back';

export function trashTeamImages(
  pool: pg.Pool,
  folder: string,
  ids: readonly string[],
  trashedAt: string,
): Promise<string[]> {
  return moveFiles(pool, folder, ids, 'g.trashed_at IS NULL', (row) => [row.file, trashedLocation(row.file)], {
    set: 'trashed_at = $2',
    values: [trashedAt],
  });
}

export function restoreTeamImages(pool: pg.Pool, folder: string, ids: readonly string[]): Promise<string[]> {
  return moveFiles(pool, folder, ids, 'g.trashed_at IS NOT NULL', (row) => [trashedLocation(row.file), row.file], {
    set: 'trashed_at = NULL',
    values: [],
  });
}

function moveFiles(
  pool: pg.Pool,
  folder: string,
  ids: readonly string[],
  state: string,
  route: (row: GenerationRow) => [from: string, to: string],
  mark: { set: string; values: unknown[] },
): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  return inTransaction(pool, async (client) => {
    // The sorted subquery fixes the order the locks are taken in.
    await client.query(
      `SELECT count(pg_advisory_xact_lock($1, hashtext(id)))
         FROM (SELECT id FROM unnest($2::text[]) AS id ORDER BY id) AS sorted`,
      [WRITE_BACK_LOCK_CLASS, unique],
    );
    const { rows } = await client.query<GenerationRow>(
      `SELECT ${TEAM_GENERATION_COLUMNS} FROM generations g WHERE g.id = ANY($1) AND ${state} ORDER BY g.seq FOR UPDATE`,
      [unique],
    );
    for (const row of rows) await move(folder, ...route(row));
    const marked = await client.query<{ id: string }>(
      `UPDATE generations SET ${mark.set} WHERE id = ANY($1) RETURNING id`,
      [rows.map((row) => row.id), ...mark.values],
    );
    return inOrder(ids, marked.rows);
  });
}

export async function teamTrashCount(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::integer AS n FROM generations WHERE trashed_at IS NOT NULL',
  );
  return rows[0]?.n ?? 0;
}

/**
 * Deletes every trashed image for good: the rows are locked (a restore elsewhere waits), the
 * files removed from the shared folder's trash, then the rows deleted, a batch per transaction.
 */
export async function emptyTeamTrash(pool: pg.Pool, folder: string): Promise<string[]> {
  const removed: string[] = [];
  for (;;) {
    const batch = await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ id: string; file: string }>(
        'SELECT id, file FROM generations WHERE trashed_at IS NOT NULL ORDER BY seq LIMIT 200 FOR UPDATE SKIP LOCKED',
      );
      for (const row of rows) await rm(absolutePath(folder, trashedLocation(row.file)), { force: true });
      await client.query('DELETE FROM generations WHERE id = ANY($1)', [rows.map((row) => row.id)]);
      return rows.map((row) => row.id);
    });
    removed.push(...batch);
    if (batch.length === 0) return removed;
  }
}

/** The ids among `ids` that `rows` name, once each, in the order asked. */
export function inOrder(ids: readonly string[], rows: readonly { id: string }[]): string[] {
  const found = new Set(rows.map((row) => row.id));
  return [...new Set(ids)].filter((id) => found.has(id));
}
