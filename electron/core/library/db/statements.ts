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
  let cache = byConnection.get(db);
  if (!cache) {
    cache = new Map();
    byConnection.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
