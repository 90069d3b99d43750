/**
 * Prepared statements kept per connection by their SQL text: compiling the gallery's queries
 * (joins over the FTS table, a page of 200 seqs) cost more than running them at 100,000 images.
 * Only for SQL built from a fixed set of shapes, never from values (those go in parameters),
 * so the cache stays small.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

const byConnection = new WeakMap<DatabaseSync, Map<string, StatementSync>>();
/** Far above the number of query shapes the gallery builds; a guard, not a tuning knob. */
const MAX_STATEMENTS = 256;

export function prepared(db: DatabaseSync, sql: string): StatementSync {
  return cached(db, sql, false);
}

/**
 * The same, answering each row as an array of its column values in SELECT order: node:sqlite
 * builds a row object with a null prototype per row (dictionary-mode in V8, slow to read), which
 * cost more than the values themselves on a page of 200 tiles. Kept apart from `prepared`'s
 * statements, so a caller of the same SQL text still gets objects.
 */
export function preparedArrays(db: DatabaseSync, sql: string): StatementSync {
  return cached(db, sql, true);
}

function cached(db: DatabaseSync, sql: string, arrays: boolean): StatementSync {
  let cache = byConnection.get(db);
  if (!cache) {
    cache = new Map();
    byConnection.set(db, cache);
  }
  const key = arrays ? `arrays:${sql}` : sql;
  let statement = cache.get(key);
  if (!statement) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = db.prepare(sql);
    if (arrays) statement.setReturnArrays(true);
    cache.set(key, statement);
  }
  return statement;
}
