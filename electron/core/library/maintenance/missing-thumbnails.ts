/**
 * Makes the thumbnails that are missing (new rows from a rebuild or import, thumbnails deleted
 * or found stale by reconcile) in the background, a few at a time, oldest rows first.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../../logging/logger';
import { currentFile, currentThumb } from '../db/generation-row';
import { prepared } from '../db/statements';
import { absolutePath } from '../files/library-paths';
import type { StoredWatchedFolder } from '../../settings/watch-list';
import { resolveImageFile } from '../watched/watched-paths';
import { runPool } from './pool';
import type { TaskOutcome, TaskReporter } from './tasks';
import { makeThumbnail } from '../files/thumbnails';

export interface ThumbnailPassDeps {
  db: DatabaseSync;
  home: string;
  now: () => Date;
  logger: Logger;
  /** Watched folders: their images are read in place; their thumbnails go to `thumbs/` like any other. */
  watched?: readonly StoredWatchedFolder[];
}

interface ThumbRow {
  id: string;
  seq: number;
  file: string;
  trashed_at: string | null;
}

const BATCH = 64;

export function countMissingThumbnails(db: DatabaseSync): number {
  return (
    db.prepare('SELECT count(*) AS n FROM generations WHERE thumb_made_at IS NULL AND missing = 0').get() as {
      n: number;
    }
  ).n;
}

function thumbnailOf(deps: ThumbnailPassDeps, row: ThumbRow): Promise<void> {
  const image = resolveImageFile(deps.home, deps.watched ?? [], currentFile(row));
  return makeThumbnail(image, absolutePath(deps.home, currentThumb(row)));
}

/**
 * The thumbnail of one image whose thumbnail is not made yet, now: a tile asked for it before the
 * background pass came to it (right after an import, or a file landing in a watched folder).
 * False when there is nothing to make (no such image, already made, missing, in the Trash).
 */
export async function makeThumbnailNow(deps: ThumbnailPassDeps, id: string): Promise<boolean> {
  // Asked at every tile's thumbnail request (the answer is nearly always "made already"): cached statements.
  const row = prepared(
    deps.db,
    `SELECT id, seq, file, trashed_at FROM generations
     WHERE id = ? AND thumb_made_at IS NULL AND missing = 0 AND trashed_at IS NULL`,
  ).get(id) as ThumbRow | undefined;
  if (row === undefined) return false;
  await thumbnailOf(deps, row);
  prepared(deps.db, 'UPDATE generations SET thumb_made_at = ? WHERE id = ?').run(deps.now().toISOString(), id);
  return true;
}

export async function makeMissingThumbnails(deps: ThumbnailPassDeps, reporter: TaskReporter): Promise<TaskOutcome> {
  const { db } = deps;
  const total = countMissingThumbnails(db);
  let done = 0;
  let failed = 0;
  let lastSeq = 0;
  const next = db.prepare(
    `SELECT id, seq, file, trashed_at FROM generations
     WHERE thumb_made_at IS NULL AND missing = 0 AND seq > ? ORDER BY seq LIMIT ${BATCH}`,
  );
  const mark = db.prepare('UPDATE generations SET thumb_made_at = ? WHERE id = ?');
  while (!reporter.signal.aborted) {
    const rows = next.all(lastSeq) as unknown as ThumbRow[];
    if (rows.length === 0) break;
    lastSeq = rows.at(-1)?.seq ?? lastSeq;
    await runPool(rows, 2, reporter.signal, async (row) => {
      try {
        await thumbnailOf(deps, row);
        mark.run(deps.now().toISOString(), row.id);
        done++;
      } catch (err) {
        failed++;
        deps.logger.warn('thumbnail failed', { id: row.id, error: String(err) });
      }
      reporter.progress(done + failed, total);
    });
  }
  return { done, failed, message: `${done} thumbnails made${failed ? `, ${failed} failed` : ''}` };
}
