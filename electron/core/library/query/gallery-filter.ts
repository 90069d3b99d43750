/**
 * A gallery filter as SQL: WHERE clauses, the FTS query when searching, and the index to walk.
 *
 * The index is chosen here rather than left to SQLite's planner, because the planner cannot see
 * that "favourites" is 5% of a library or "Unsorted" 30%, and picks the unique seq index with a
 * row fetch per candidate. Each list index is covering for every filter column, so a page or a
 * count walks one narrow index and never reads the wide rows. Booleans go in as literals: SQLite
 * only uses a partial index (`live_favorites`) when it can see the value in the query.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { z } from 'zod';
import type { LibraryFilterSchema } from '../../../../shared/api';
import type { Logger } from '../../logging/logger';
import type { LibrarySort } from './page-cursor';
import { hasFts5 } from '../db/database';
import { normalizeTime, SEQ_SLOTS } from '../db/upsert-generation';
import { ownWordsOnly, searchIndexExists, searchWords, toFtsQuery } from '../db/search-index';

export type LibraryFilter = z.output<typeof LibraryFilterSchema>;

export interface Where {
  clauses: string[];
  params: SQLInputValue[];
  /** The FTS5 query when searching with the full-text index. */
  fts: string | null;
  /** The tag filter, kept apart: a tag-only list is driven by the (tag, seq) index. */
  tag: string | null;
  /** Whether anything beyond the trash state (and the search) narrows the list. */
  narrowed: boolean;
}

export const TAG_CLAUSE = 'g.seq IN (SELECT seq FROM generation_tags WHERE tag = ?)';

/** The clauses and params with the tag filter as a plain clause (when something else drives). */
export function withTagClause(where: Where): { clauses: string[]; params: SQLInputValue[] } {
  if (where.tag === null) return { clauses: [...where.clauses], params: [...where.params] };
  return { clauses: [...where.clauses, TAG_CLAUSE], params: [...where.params, where.tag] };
}

/**
 * Images made from one image, following references down any number of steps. An image is used as a
 * reference through an input whose embedded record names it, or by its file's hash (the same two
 * links lineage follows); UNION (not UNION ALL) keeps a cyclic index from looping.
 */
const MADE_FROM_CLAUSE = `g.id IN (
  WITH RECURSIVE made(id) AS (
    SELECT gi.generation_id FROM generation_inputs gi WHERE gi.hash IN (
      SELECT hash FROM inputs WHERE generation_id = ?
      UNION SELECT sha256 FROM generations WHERE id = ? AND sha256 IS NOT NULL)
    UNION
    SELECT gi.generation_id FROM made JOIN generations p ON p.id = made.id
      JOIN generation_inputs gi ON gi.hash IN (
        SELECT hash FROM inputs WHERE generation_id = p.id UNION SELECT p.sha256 WHERE p.sha256 IS NOT NULL))
  SELECT id FROM made)`;
/** The `source` filter value for Seedbank's own images (which have no source tool). */
export const SEEDBANK_SOURCE = 'seedbank';

let warnedNoFts = false;

function useFts(db: DatabaseSync, logger: Logger): boolean {
  const available = hasFts5(db) && searchIndexExists(db);
  if (!available && !warnedNoFts) {
    warnedNoFts = true;
    logger.warn('SQLite has no FTS5 here: search falls back to a plain scan of prompts, tags and file names');
  }
  return available;
}

/** LIKE with `\` escaping, so `%` and `_` typed by a person match themselves. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function narrow(where: Where, clause: string, ...params: SQLInputValue[]): void {
  where.clauses.push(clause);
  where.params.push(...params);
  where.narrowed = true;
}

function addLikeSearch(text: string, upsampled: boolean, where: Where): void {
  for (const word of searchWords(text)) {
    const pattern = likePattern(word);
    const columns = upsampled ? ['g.prompt', 'g.upsampled_prompt', 'g.source_name'] : ['g.prompt', 'g.source_name'];
    narrow(
      where,
      `(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')}
        OR EXISTS (SELECT 1 FROM generation_tags t WHERE t.generation_id = g.id AND t.tag LIKE ? ESCAPE '\\'))`,
      ...columns.map(() => pattern),
      pattern,
    );
  }
}

/** Several tags: one membership clause per tag for "all of", one IN list for "any of". */
function addTagsFilter(where: Where, tags: readonly string[], match: 'all' | 'any'): void {
  const unique = [...new Set(tags)];
  if (match === 'any') {
    const marks = unique.map(() => '?').join(', ');
    narrow(where, `g.id IN (SELECT generation_id FROM generation_tags WHERE tag IN (${marks}))`, ...unique);
    return;
  }
  for (const tag of unique) narrow(where, 'g.id IN (SELECT generation_id FROM generation_tags WHERE tag = ?)', tag);
}

export function buildWhere(db: DatabaseSync, logger: Logger, filter: LibraryFilter): Where {
  const where: Where = { clauses: [], params: [], fts: null, tag: null, narrowed: false };
  where.clauses.push(filter.trashed ? 'g.trashed_at IS NOT NULL' : 'g.trashed_at IS NULL');
  if (filter.projectId === null) narrow(where, 'g.project_id IS NULL');
  else if (filter.projectId !== undefined) narrow(where, 'g.project_id = ?', filter.projectId);
  if (filter.model !== undefined) narrow(where, 'g.model = ?', filter.model);
  if (filter.favorite !== undefined) narrow(where, filter.favorite ? 'g.favorite = 1' : 'g.favorite = 0');
  if (filter.minRating !== undefined && filter.minRating > 0) narrow(where, 'g.rating >= ?', filter.minRating);
  if (filter.tag !== undefined)
    narrow(where, 'g.id IN (SELECT generation_id FROM generation_tags WHERE tag = ?)', filter.tag.trim());
  if (filter.tags !== undefined) addTagsFilter(where, filter.tags, filter.tagMatch ?? 'all');
  // Dates become seq bounds (seq = creation ms × 1024 + tie-breaker), so they ride the same indexes.
  const from = normalizeTime(filter.from);
  if (from !== null) narrow(where, 'g.seq >= ?', Date.parse(from) * SEQ_SLOTS);
  const to = normalizeTime(filter.to);
  if (to !== null) narrow(where, 'g.seq < ?', (Date.parse(to) + 1) * SEQ_SLOTS);
  if (filter.hasReferences !== undefined)
    narrow(where, filter.hasReferences ? 'g.input_count > 0' : 'g.input_count = 0');
  if (filter.editsOf !== undefined) narrow(where, MADE_FROM_CLAUSE, filter.editsOf, filter.editsOf);
  if (filter.source !== undefined) {
    if (filter.source === SEEDBANK_SOURCE) narrow(where, 'g.source_tool IS NULL');
    else narrow(where, 'g.source_tool = ?', filter.source);
  }
  if (filter.search !== undefined && filter.search.trim() !== '') {
    const upsampled = filter.searchUpsampled === true;
    if (useFts(db, logger)) {
      const query = toFtsQuery(filter.search);
      where.fts = query === null || upsampled ? query : ownWordsOnly(query);
    } else addLikeSearch(filter.search, upsampled, where);
  }
  return where;
}

/** The index a page or count of this filter walks: the most selective one the filter allows. */
export function chooseIndex(filter: LibraryFilter, sort: LibrarySort): string {
  if (filter.trashed) return 'trashed_by_seq';
  if (filter.favorite === true) return 'live_favorites';
  if (filter.hasReferences === true) return 'live_with_references';
  if (filter.projectId !== undefined) return sort === 'rating' ? 'live_by_project_rating' : 'live_by_project';
  if (filter.model !== undefined) return 'live_by_model';
  if (filter.source !== undefined) return 'live_by_source';
  if (sort === 'rating') return 'live_by_rating';
  return 'live_by_seq';
}

/**
 * Whether a page walking this index can read its tiles from the index alone: `live_by_seq` holds
 * each row's tile since schema v7 (the trash's index does not; the trash is small).
 */
export function coversTiles(index: string): boolean {
  return index === 'live_by_seq';
}

/** The index joined to FTS matches by seq (it must lead with seq). */
export function seqIndex(filter: LibraryFilter): string {
  return filter.trashed ? 'trashed_by_seq' : 'live_by_seq';
}
