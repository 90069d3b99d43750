/**
 * Schema v7: a gallery tile as one value. `tile` is a generated column, the JSON array of the
 * columns a tile is made from (`TILE_COLUMNS`, in that order), and `live_by_seq` holds it in
 * place of v6's ten tile columns, so a search, tag or newest/oldest page reads one value per row
 * from the index it already walks or checks each match against.
 *
 * Why (docs/performance.md, "A search page against the raw FTS5 query"): node:sqlite hands each
 * column of each row over on its own (its type, then its value, each call taking the
 * connection's mutex, then a V8 value), and the tile's 17 columns were most of what a search page
 * cost beyond the raw FTS5 query. SQLite writes the JSON when a row is written (any writer, any
 * column: the column is SQLite's own, so no code path can forget it); a page reads one text per
 * tile and `JSON.parse`s it, which measured cheaper than the 17 values — and than building the
 * same JSON while reading (`json_array` per row), which cost as much as the 17 values.
 *
 * VIRTUAL: the table rows do not grow (the value is computed when read from the table, as the
 * trash's page does, and stored only in the index). An index on a computed value needs the
 * computation to give the same text for the same row forever (SQLite recomputes it to find the
 * old entry when a row changes): `json_array` of integers, text and NULL is that — no REAL
 * column is in the list, whose printing could vary.
 *
 * The index's leading columns stay those of v2, so every filter it covered it still covers.
 */
import type { Migration } from './migrations';

/**
 * The tile's columns, in the order of the JSON array (`Tile` in gallery-tile.ts reads them by position).
 * Part of the schema: a different list is a new migration, never an edit of this one.
 */
export const TILE_COLUMNS = [
  'seq',
  'id',
  'project_id',
  'model',
  'prompt',
  'seed',
  'width',
  'height',
  'format',
  'created_at',
  'file',
  'favorite',
  'rating',
  'trashed_at',
  'missing',
  'source_tool',
  'source_name',
] as const;

export const v7: Migration = {
  version: 7,
  description: "a gallery tile's columns as one JSON value, held by live_by_seq",
  up(db) {
    db.exec(`
      ALTER TABLE generations ADD COLUMN tile TEXT GENERATED ALWAYS AS (json_array(${TILE_COLUMNS.join(', ')})) VIRTUAL;
      DROP INDEX live_by_seq;
      CREATE INDEX live_by_seq ON generations(seq, rating, favorite, input_count, project_id, model, id, trashed_at, tile)
        WHERE trashed_at IS NULL;
    `);
  },
};
