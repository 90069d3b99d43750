/**
 * The gallery query on PostgreSQL: the same filter, sorts and keyset cursors as the embedded
 * query (query/gallery-filter.ts, query/page-cursor.ts — the cursor format and its checks are
 * shared, so a cursor means the same on both stores), as one SQL statement for PostgreSQL's
 * planner. Search uses the `search_words` tsvector (team-schema.ts) with the words cut as the
 * embedded search cuts them (`searchWords`).
 */
import type { LibraryFilter } from '../query/gallery-filter';
import { SEEDBANK_SOURCE } from '../query/gallery-filter';
import type { ListArgs } from '../query/gallery-page';
import { decodeCursor, encodeCursor, type LibrarySort } from '../query/page-cursor';
import { searchWords } from '../db/search-index';
import { normalizeTime, SEQ_SLOTS } from '../db/upsert-generation';
import { GENERATION_COLUMN_NAMES } from '../db/generation-row';

/** Positional parameters ($1, $2, …) collected while the SQL is written. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The embedded columns of `GenerationRow`; the team store keeps no thumbnail bookkeeping (thumbnails are per workstation). */
export const TEAM_GENERATION_COLUMNS = GENERATION_COLUMN_NAMES.filter((column) => column !== 'thumb_made_at')
  .map((column) => `g.${column}`)
  .concat('NULL::text AS thumb_made_at')
  .join(', ');

/** Images made from one image through any number of references (as MADE_FROM_CLAUSE in gallery-filter.ts). */
function madeFrom(id: string): string {
  return `g.id IN (
    WITH RECURSIVE made(id) AS (
      SELECT gi.generation_id FROM generation_inputs gi WHERE gi.hash IN (
        SELECT hash FROM inputs WHERE generation_id = ${id}
        UNION SELECT sha256 FROM generations WHERE id = ${id} AND sha256 IS NOT NULL)
      UNION
      SELECT gi.generation_id FROM made JOIN generations p ON p.id = made.id
        JOIN generation_inputs gi ON gi.hash IN (
          SELECT hash FROM inputs WHERE generation_id = p.id UNION SELECT p.sha256 WHERE p.sha256 IS NOT NULL))
    SELECT id FROM made)`;
}

/**
 * The filter's search as a `tsquery`'s text, made by the database's own `seedbank_search_query`
 * (unaccent, ICU word cutting, the last word a prefix); null without a search. Made in a round
 * trip of its own so the page's statement carries it as a value: then the planner reads the
 * words' frequencies and picks per search — walk the newest rows for a common word, the GIN index
 * for a rare one or a combination that matches nothing. Computed inside the statement (as an
 * InitPlan) it was an unknown to the planner, which always walked: a search matching nothing
 * read all 1,000,000 rows (3.2 s), see docs/team-library.md "Scale".
 */
export async function searchQueryText(
  db: { query<R extends object>(text: string, values: unknown[]): Promise<{ rows: R[] }> },
  filter: LibraryFilter,
): Promise<string | null> {
  const words = filter.search === undefined ? [] : searchWords(filter.search);
  if (words.length === 0) return null;
  const { rows } = await db.query<{ q: string | null }>('SELECT seedbank_search_query($1::text[])::text AS q', [words]);
  return rows[0]?.q ?? '';
}

/** The WHERE clauses of a filter; `search` is `searchQueryText`'s answer for it. */
export function filterClauses(filter: LibraryFilter, params: Params, search: string | null): string[] {
  const clauses = [filter.trashed ? 'g.trashed_at IS NOT NULL' : 'g.trashed_at IS NULL'];
  if (filter.projectId === null) clauses.push('g.project_id IS NULL');
  else if (filter.projectId !== undefined) clauses.push(`g.project_id = ${params.add(filter.projectId)}`);
  if (filter.model !== undefined) clauses.push(`g.model = ${params.add(filter.model)}`);
  if (filter.favorite !== undefined) clauses.push(filter.favorite ? 'g.favorite = 1' : 'g.favorite = 0');
  if (filter.minRating !== undefined && filter.minRating > 0)
    clauses.push(`g.rating >= ${params.add(filter.minRating)}`);
  if (filter.tag !== undefined)
    clauses.push(
      `g.seq IN (SELECT seq FROM generation_tags WHERE lower(tag) = lower(${params.add(filter.tag.trim())}))`,
    );
  if (filter.tags !== undefined) tagsClauses(clauses, params, filter.tags, filter.tagMatch ?? 'all');
  const from = normalizeTime(filter.from);
  if (from !== null) clauses.push(`g.seq >= ${params.add(Date.parse(from) * SEQ_SLOTS)}`);
  const to = normalizeTime(filter.to);
  if (to !== null) clauses.push(`g.seq < ${params.add((Date.parse(to) + 1) * SEQ_SLOTS)}`);
  if (filter.hasReferences !== undefined)
    clauses.push(filter.hasReferences ? 'g.input_count > 0' : 'g.input_count = 0');
  if (filter.editsOf !== undefined) clauses.push(madeFrom(params.add(filter.editsOf)));
  if (filter.source !== undefined) {
    if (filter.source === SEEDBANK_SOURCE) clauses.push('g.source_tool IS NULL');
    else clauses.push(`g.source_tool = ${params.add(filter.source)}`);
  }
  if (search !== null) {
    // BFL's rewritten prompt only when asked (as gallery-filter.ts's FTS column filter).
    const column = filter.searchUpsampled === true ? 'g.search_words' : 'g.own_words';
    // Words that fold to nothing on the server match nothing (as the embedded search).
    clauses.push(search === '' ? 'false' : `${column} @@ ${params.add(search)}::tsquery`);
  }
  return clauses;
}

/** Several tags, as gallery-filter.ts's addTagsFilter: each one for "all of", any one for "any of". */
function tagsClauses(clauses: string[], params: Params, tags: readonly string[], match: 'all' | 'any'): void {
  const unique = [...new Set(tags.map((tag) => tag.trim()))];
  const member = (list: string) => `g.seq IN (SELECT seq FROM generation_tags WHERE lower(tag) IN (${list}))`;
  if (match === 'any') clauses.push(member(unique.map((tag) => `lower(${params.add(tag)})`).join(', ')));
  else for (const tag of unique) clauses.push(member(`lower(${params.add(tag)})`));
}

const ORDER: Record<LibrarySort, string> = {
  newest: 'g.seq DESC',
  oldest: 'g.seq ASC',
  rating: 'g.rating DESC, g.seq DESC',
};

export interface PageQuery {
  count: { text: string; values: unknown[] };
  page: { text: string; values: unknown[] };
}

/**
 * The count of the filter and one page after the cursor (one row more than asked: is there a next
 * page?); `search` is `searchQueryText`'s answer for the filter.
 */
export function pageQueries(args: ListArgs, search: string | null): PageQuery {
  const countParams = new Params();
  const countClauses = filterClauses(args.filter, countParams, search);
  const params = new Params();
  const clauses = filterClauses(args.filter, params, search);
  if (args.cursor !== null) {
    const key = decodeCursor(args.sort, args.cursor);
    if (args.sort === 'newest') clauses.push(`g.seq < ${params.add(key.seq)}`);
    else if (args.sort === 'oldest') clauses.push(`g.seq > ${params.add(key.seq)}`);
    else clauses.push(`(g.rating, g.seq) < (${params.add(key.rating)}, ${params.add(key.seq)})`);
  }
  const limit = params.add(args.limit + 1);
  return {
    count: {
      text: `SELECT count(*)::integer AS n FROM generations g WHERE ${countClauses.join(' AND ')}`,
      values: countParams.values,
    },
    page: {
      text: `SELECT ${TEAM_GENERATION_COLUMNS} FROM generations g WHERE ${clauses.join(' AND ')} ORDER BY ${ORDER[args.sort]} LIMIT ${limit}`,
      values: params.values,
    },
  };
}

/** The cursor after the last row of a page. */
export function cursorAfter(sort: LibrarySort, row: { rating: number; seq: number }): string {
  return encodeCursor(sort, { rating: row.rating, seq: row.seq });
}
