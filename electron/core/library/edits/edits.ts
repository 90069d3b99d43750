/**
 * The person's choices about images: favourite, rating, tags, project. Each edit changes the
 * index in one IMMEDIATE transaction and returns the ids it touched, which the caller hands to
 * write-back (so the files follow) and to the `library:changed` event.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { transaction } from '../db/database';
import { cleanTags } from '../db/upsert-generation';
import { requireProject } from './projects';

const CHUNK = 500;

/** The ids among `ids` that have a row, in chunks small enough for SQLite's parameter limit. */
export function existingIds(db: DatabaseSync, ids: readonly string[]): string[] {
  const found: string[] = [];
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += CHUNK) {
    const chunk = unique.slice(start, start + CHUNK) as SQLInputValue[];
    const rows = db
      .prepare(`SELECT id FROM generations WHERE id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as {
      id: string;
    }[];
    for (const row of rows) found.push(row.id);
  }
  return found;
}

function updateEach(db: DatabaseSync, ids: readonly string[], sql: string, values: SQLInputValue[]): string[] {
  return transaction(db, () => {
    const found = existingIds(db, ids);
    const statement = db.prepare(sql);
    for (const id of found) statement.run(...values, id);
    return found;
  });
}

export function setFavorite(db: DatabaseSync, ids: readonly string[], favorite: boolean): string[] {
  return updateEach(db, ids, 'UPDATE generations SET favorite = ?, record_dirty = record_dirty + 1 WHERE id = ?', [
    favorite ? 1 : 0,
  ]);
}

export function setRating(db: DatabaseSync, ids: readonly string[], rating: number): string[] {
  return updateEach(db, ids, 'UPDATE generations SET rating = ?, record_dirty = record_dirty + 1 WHERE id = ?', [
    rating,
  ]);
}

/** Moves images to a project, or to Unsorted with null. No file moves: only the records change. */
export function moveToProject(db: DatabaseSync, ids: readonly string[], projectId: string | null): string[] {
  if (projectId !== null) requireProject(db, projectId);
  return updateEach(db, ids, 'UPDATE generations SET project_id = ?, record_dirty = record_dirty + 1 WHERE id = ?', [
    projectId,
  ]);
}

export function changeTags(
  db: DatabaseSync,
  ids: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): string[] {
  const adding = cleanTags(add);
  const removing = cleanTags(remove);
  return transaction(db, () => {
    const found = existingIds(db, ids);
    const insert = db.prepare('INSERT OR IGNORE INTO generation_tags (generation_id, tag) VALUES (?, ?)');
    const drop = db.prepare('DELETE FROM generation_tags WHERE generation_id = ? AND tag = ?');
    const dirty = db.prepare('UPDATE generations SET record_dirty = record_dirty + 1 WHERE id = ?');
    for (const id of found) {
      dirty.run(id);
      for (const tag of removing) drop.run(id, tag);
      for (const tag of adding) insert.run(id, tag);
    }
    return found;
  });
}

export interface TagCount {
  tag: string;
  count: number;
}

/** Tags with how many images (outside the trash) carry each, most used first. */
export function tagCounts(db: DatabaseSync): TagCount[] {
  return db
    .prepare(
      `SELECT min(t.tag) AS tag, count(*) AS count FROM generation_tags t JOIN generations g ON g.id = t.generation_id
       WHERE g.trashed_at IS NULL GROUP BY t.tag ORDER BY count DESC, tag COLLATE NOCASE`,
    )
    .all() as unknown as TagCount[];
}

/** Marks every image of a project for write-back (its name in their records changed). */
export function markProjectDirty(db: DatabaseSync, projectId: string): string[] {
  return transaction(db, () => {
    db.prepare('UPDATE generations SET record_dirty = record_dirty + 1 WHERE project_id = ?').run(projectId);
    return (db.prepare('SELECT id FROM generations WHERE project_id = ?').all(projectId) as { id: string }[]).map(
      (r) => r.id,
    );
  });
}

/** Ids whose file has not caught up with the index yet (write-back cut short by a quit). */
export function dirtyIds(db: DatabaseSync): string[] {
  return (db.prepare('SELECT id FROM generations WHERE record_dirty > 0 ORDER BY seq').all() as { id: string }[]).map(
    (r) => r.id,
  );
}
