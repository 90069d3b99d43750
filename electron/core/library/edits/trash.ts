/**
 * The library's own trash: trashing moves the image and its thumbnail under `trash/` and marks
 * the row, so it is restorable; emptying the trash deletes for good (through the OS trash when the
 * front door offers one). Files are moved before rows are marked: after a crash in between,
 * reconcile finds the file under `trash/` and marks the row to match.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../db/database';
import { yieldToEventLoop } from '../files/file-walk';
import { currentFile, currentThumb, selectRows, type GenerationRow } from '../db/generation-row';
import { absolutePath, thumbLocation, trashedLocation } from '../files/library-paths';
import { isWatchedLocation } from '../watched/watched-paths';

export type MoveToOsTrash = (absolutePath: string) => Promise<void>;

const BATCH = 200;

export async function move(home: string, from: string, to: string): Promise<void> {
  const target = absolutePath(home, to);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(absolutePath(home, from), target);
  } catch (err) {
    // A file already gone (the row is marked missing) is still trashed/restored as a row.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

async function inBatches(rows: GenerationRow[], work: (batch: GenerationRow[]) => Promise<void>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await work(rows.slice(start, start + BATCH));
    await yieldToEventLoop();
  }
}

export async function trashGenerations(
  db: DatabaseSync,
  home: string,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  // A watched folder's image is not Seedbank's to move: it leaves the library only with its folder.
  const rows = selectRows(db, ids).filter((row) => row.trashed_at === null && !isWatchedLocation(row.file));
  const trashedAt = now.toISOString();
  await inBatches(rows, async (batch) => {
    for (const row of batch) {
      await move(home, row.file, trashedLocation(row.file));
      await move(home, thumbLocation(row.id, false), thumbLocation(row.id, true));
    }
    transaction(db, () => {
      const mark = db.prepare('UPDATE generations SET trashed_at = ? WHERE id = ?');
      for (const row of batch) mark.run(trashedAt, row.id);
    });
  });
  return rows.map((row) => row.id);
}

export async function restoreGenerations(db: DatabaseSync, home: string, ids: readonly string[]): Promise<string[]> {
  const rows = selectRows(db, ids).filter((row) => row.trashed_at !== null);
  await inBatches(rows, async (batch) => {
    for (const row of batch) {
      await move(home, trashedLocation(row.file), row.file);
      await move(home, thumbLocation(row.id, true), thumbLocation(row.id, false));
    }
    transaction(db, () => {
      const mark = db.prepare('UPDATE generations SET trashed_at = NULL WHERE id = ?');
      for (const row of batch) mark.run(row.id);
    });
  });
  return rows.map((row) => row.id);
}

/** Deletes every trashed image for good: the file to the OS trash (or removed), then the row. */
export async function emptyTrash(db: DatabaseSync, home: string, moveToOsTrash?: MoveToOsTrash): Promise<string[]> {
  const ids = (db.prepare('SELECT id FROM generations WHERE trashed_at IS NOT NULL').all() as { id: string }[]).map(
    (r) => r.id,
  );
  const rows = selectRows(db, ids);
  const removed: string[] = [];
  await inBatches(rows, async (batch) => {
    const done: string[] = [];
    for (const row of batch) {
      const file = absolutePath(home, currentFile(row));
      try {
        if (moveToOsTrash) await moveToOsTrash(file);
        else await rm(file, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      await rm(absolutePath(home, currentThumb(row)), { force: true });
      done.push(row.id);
    }
    transaction(db, () => {
      const drop = db.prepare('DELETE FROM generations WHERE id = ?');
      for (const id of done) drop.run(id);
    });
    removed.push(...done);
  });
  return removed;
}
