/**
 * The gallery query: one page of rows after a keyset cursor, plus (when asked) the filter's total.
 *
 * A search or a tag filter in time order is driven by its own index, which yields seqs in order
 * (the FTS rowid is the seq; tag rows carry it), so one statement stops after `limit` matches
 * instead of sorting every match; each match is checked against `live_by_seq`, which also holds
 * each row's tile (one JSON value, schema v7), so no table row is read. A plain newest/oldest
 * page walks `live_by_seq` alone the same way. Any other page takes two steps: its rowids come from a narrow covering
 * index (cheap to walk, cheap to sort), then only those rows are read in full.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Logger } from '../../logging/logger';
import { decodeCursor, encodeCursor, SORTS, type LibrarySort, type SortKey } from './page-cursor';
import { parseTile, TILE_COLUMN, tileRating, tileSeq, type Tile } from '../db/gallery-tile';
import {
  buildWhere,
  chooseIndex,
  coversTiles,
  seqIndex,
  withTagClause,
  type LibraryFilter,
  type Where,
} from './gallery-filter';
import { prepared, preparedArrays } from '../db/statements';

export type { LibraryFilter } from './gallery-filter';

export interface ListArgs {
  filter: LibraryFilter;
  sort: LibrarySort;
  cursor: string | null;
  limit: number;
  /**
   * Whether to count every match (default true). Counting a common search word walks all of its
   * matches — more than the page itself costs — so the gallery asks for the page without it and
   * for the count (`countMatches`) after the page is on screen.
   */
  count?: boolean;
}

export interface RowPage {
  /** The page's rows as tiles: what a gallery tile shows (`galleryItemOf`), no tags or references. */
  rows: Tile[];
  nextCursor: string | null;
  /** Null when the page was asked for without its count. */
  total: number | null;
}

/** What walks the matches in seq order: the FTS index, a tag's rows, or a list index. */
interface Driver {
  from: string;
  /** Its own condition and parameter (MATCH / tag =), first in the WHERE. */
  match: string;
  value: string;
  /** The driver's seq column, for order and cursor. */
  seq: string;
  clauses: string[];
  params: SQLInputValue[];
}

function driverOf(filter: LibraryFilter, where: Where): Driver | null {
  const join = `CROSS JOIN generations g INDEXED BY ${seqIndex(filter)}`;
  if (where.fts !== null) {
    const rest = withTagClause(where);
    return {
      from: `generations_fts ${join} ON g.seq = generations_fts.rowid`,
      match: 'generations_fts MATCH ?',
      value: where.fts,
      seq: 'generations_fts.rowid',
      ...rest,
    };
  }
  if (where.tag !== null) {
    return {
      from: `generation_tags t ${join} ON g.seq = t.seq`,
      match: 't.tag = ?',
      value: where.tag,
      seq: 't.seq',
      clauses: [...where.clauses],
      params: [...where.params],
    };
  }
  return null;
}

const single = (db: DatabaseSync, sql: string, params: SQLInputValue[]) =>
  (prepared(db, sql).get(...params) as { n: number }).n;

export function countRows(db: DatabaseSync, filter: LibraryFilter, where: Where): number {
  const driver = driverOf(filter, where);
  if (driver === null) {
    // Nothing but the trash state: the narrowest index there is; else the filter's own index.
    const index = where.narrowed ? chooseIndex(filter, 'newest') : 'generations_by_trash_state';
    return single(
      db,
      `SELECT count(*) AS n FROM generations g INDEXED BY ${index} WHERE ${where.clauses.join(' AND ')}`,
      where.params,
    );
  }
  if (where.fts !== null && !where.narrowed) {
    // Every row has one FTS row: count the matches, then take away (or keep only) the trashed.
    const trashTotal = single(
      db,
      'SELECT count(*) AS n FROM generations g INDEXED BY trashed_by_seq WHERE g.trashed_at IS NOT NULL',
      [],
    );
    const inTrash =
      trashTotal === 0
        ? 0
        : single(
            db,
            `SELECT count(*) AS n FROM generations_fts CROSS JOIN generations g INDEXED BY trashed_by_seq
             ON g.seq = generations_fts.rowid WHERE generations_fts MATCH ? AND g.trashed_at IS NOT NULL`,
            [where.fts],
          );
    if (filter.trashed) return inTrash;
    return single(db, 'SELECT count(*) AS n FROM generations_fts WHERE generations_fts MATCH ?', [where.fts]) - inTrash;
  }
  return single(
    db,
    `SELECT count(*) AS n FROM ${driver.from} WHERE ${[driver.match, ...driver.clauses].join(' AND ')}`,
    [driver.value, ...driver.params],
  );
}

interface PageKey {
  seq: number;
  /** The table's rowid, which every index carries: step two reads each row without a seq lookup. */
  row: number;
}

/** A statement selecting TILE_COLUMN, its rows read as arrays (no per-row dictionaries), each tile parsed. */
function galleryRows(db: DatabaseSync, sql: string, params: SQLInputValue[]): Tile[] {
  return (preparedArrays(db, sql).all(...params) as unknown as unknown[][]).map(parseTile);
}

/**
 * The page's rows, one more than the limit (it tells whether there is a next page).
 *
 * Driven by the FTS index or a tag's rows, the matches come in seq order already: one statement
 * walks them and checks each against `live_by_seq`, which answers the tile too.
 * Otherwise two steps: the page's rowids from the filter's covering index (which may have to
 * sort every match, e.g. favourites by rating), then only those rows — or one, when that index
 * is `live_by_seq` and holds the tiles itself.
 */
function pageRows(db: DatabaseSync, args: ListArgs, where: Where, key: SortKey | null): Tile[] {
  const driver = driverOf(args.filter, where);
  if (driver !== null && args.sort !== 'rating') {
    const clauses = [driver.match, ...driver.clauses];
    const params: SQLInputValue[] = [driver.value, ...driver.params];
    if (key) {
      clauses.push(`${driver.seq} ${args.sort === 'newest' ? '<' : '>'} ?`);
      params.push(key.seq);
    }
    return galleryRows(
      db,
      `SELECT ${TILE_COLUMN} FROM ${driver.from} WHERE ${clauses.join(' AND ')}
         ORDER BY ${driver.seq} ${args.sort === 'newest' ? 'DESC' : 'ASC'} LIMIT ?`,
      [...params, args.limit + 1],
    );
  }
  const sort = SORTS[args.sort];
  const index = chooseIndex(args.filter, args.sort);
  const { clauses, params } = withTagClause(where);
  if (where.fts !== null) {
    clauses.push('g.seq IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?)');
    params.push(where.fts);
  }
  if (key) {
    clauses.push(sort.after);
    params.push(...sort.values(key));
  }
  const walk = `FROM generations g INDEXED BY ${index} WHERE ${clauses.join(' AND ')} ORDER BY ${sort.order} LIMIT ?`;
  if (coversTiles(index)) return galleryRows(db, `SELECT ${TILE_COLUMN} ${walk}`, [...params, args.limit + 1]);
  const keys = prepared(db, `SELECT g.rowid AS row, g.seq ${walk}`).all(
    ...params,
    args.limit + 1,
  ) as unknown as PageKey[];
  return rowsOf(db, keys);
}

/** Step two: the rows of the page, in the page's order, read by rowid. */
function rowsOf(db: DatabaseSync, keys: readonly PageKey[]): Tile[] {
  if (keys.length === 0) return [];
  // One parameter (a JSON array) instead of one per row: the same SQL text for every page.
  const rows = galleryRows(
    db,
    `SELECT ${TILE_COLUMN} FROM generations g WHERE g.rowid IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(keys.map((k) => k.row))],
  );
  const bySeq = new Map(rows.map((tile) => [tileSeq(tile), tile]));
  return keys.map((k) => bySeq.get(k.seq)).filter((tile): tile is Tile => tile !== undefined);
}

/** How many images the filter matches: the total a page asked for without its count. */
export function countMatches(db: DatabaseSync, logger: Logger, filter: LibraryFilter): number {
  return countRows(db, filter, buildWhere(db, logger, filter));
}

/** One page of rows after the cursor, the cursor for the next page, and the filter's total. */
export function listRows(db: DatabaseSync, logger: Logger, args: ListArgs): RowPage {
  const key = args.cursor === null ? null : decodeCursor(args.sort, args.cursor);
  const where = buildWhere(db, logger, args.filter);
  const total = args.count === false ? null : countRows(db, args.filter, where);
  // One row more than asked tells whether there is a next page without a second query.
  const rows = pageRows(db, args, where, key);
  const more = rows.length > args.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  const nextCursor = more && last ? encodeCursor(args.sort, { rating: tileRating(last), seq: tileSeq(last) }) : null;
  return { rows, nextCursor, total };
}
