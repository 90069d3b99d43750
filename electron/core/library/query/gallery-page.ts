/**
 * The gallery query: one page of rows after a keyset cursor, plus the filter's total.
 *
 * Two steps: the page's seqs come from a narrow covering index (cheap to walk, cheap to sort),
 * then only those rows are read in full. A search or a tag filter in time order is driven by its
 * own index, which yields seqs in order (the FTS rowid is the seq; tag rows carry it), so a page
 * stops after `limit` matches instead of sorting every match.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Logger } from '../../logging/logger';
import { decodeCursor, encodeCursor, SORTS, type LibrarySort, type SortKey } from './page-cursor';
import { GENERATION_COLUMNS, type GenerationRow } from '../db/generation-row';
import { buildWhere, chooseIndex, seqIndex, withTagClause, type LibraryFilter, type Where } from './gallery-filter';
import { prepared } from '../db/statements';

export type { LibraryFilter } from './gallery-filter';

export interface ListArgs {
  filter: LibraryFilter;
  sort: LibrarySort;
  cursor: string | null;
  limit: number;
}

export interface RowPage {
  rows: GenerationRow[];
  nextCursor: string | null;
  total: number;
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
  rating: number;
}

/** Step one: the seqs (and ratings, for the cursor) of the page, from covering indexes only. */
function pageKeys(db: DatabaseSync, args: ListArgs, where: Where, key: SortKey | null): PageKey[] {
  const driver = driverOf(args.filter, where);
  if (driver !== null && args.sort !== 'rating') {
    const clauses = [driver.match, ...driver.clauses];
    const params: SQLInputValue[] = [driver.value, ...driver.params];
    if (key) {
      clauses.push(`${driver.seq} ${args.sort === 'newest' ? '<' : '>'} ?`);
      params.push(key.seq);
    }
    return prepared(
      db,
      `SELECT g.seq, g.rating FROM ${driver.from} WHERE ${clauses.join(' AND ')}
         ORDER BY ${driver.seq} ${args.sort === 'newest' ? 'DESC' : 'ASC'} LIMIT ?`,
    ).all(...params, args.limit + 1) as unknown as PageKey[];
  }
  const sort = SORTS[args.sort];
  const { clauses, params } = withTagClause(where);
  if (where.fts !== null) {
    clauses.push('g.seq IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?)');
    params.push(where.fts);
  }
  if (key) {
    clauses.push(sort.after);
    params.push(...sort.values(key));
  }
  return prepared(
    db,
    `SELECT g.seq, g.rating FROM generations g INDEXED BY ${chooseIndex(args.filter, args.sort)}
       WHERE ${clauses.join(' AND ')} ORDER BY ${sort.order} LIMIT ?`,
  ).all(...params, args.limit + 1) as unknown as PageKey[];
}

/** Step two: the full rows of the page, in the page's order. */
function rowsBySeq(db: DatabaseSync, keys: readonly PageKey[]): GenerationRow[] {
  if (keys.length === 0) return [];
  const seqs = keys.map((k) => k.seq);
  // One parameter (a JSON array) instead of one per seq: the same SQL text for every page.
  const rows = prepared(
    db,
    `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.seq IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(seqs)) as unknown as GenerationRow[];
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  return seqs.map((seq) => bySeq.get(seq)).filter((row): row is GenerationRow => row !== undefined);
}

/** One page of rows after the cursor, the cursor for the next page, and the filter's total. */
export function listRows(db: DatabaseSync, logger: Logger, args: ListArgs): RowPage {
  const key = args.cursor === null ? null : decodeCursor(args.sort, args.cursor);
  const where = buildWhere(db, logger, args.filter);
  const total = countRows(db, args.filter, where);
  // One key more than asked tells whether there is a next page without a second query.
  const keys = pageKeys(db, args, where, key);
  const more = keys.length > args.limit;
  if (more) keys.pop();
  const rows = rowsBySeq(db, keys);
  const last = keys.at(-1);
  const nextCursor = more && last ? encodeCursor(args.sort, { rating: last.rating, seq: last.seq }) : null;
  return { rows, nextCursor, total };
}
