/**
 * Opens `library.db` through `node:sqlite` (built into Node 24 and Electron 45: no native
 * module), in WAL mode so the app and the CLI can read while the other writes, and runs the
 * migrations. `busy_timeout` makes concurrent writers wait instead of failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations';

export type Database = DatabaseSync;

export interface OpenOptions {
  /** Skip migrations (tests that need an old schema). */
  migrate?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: 10_000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 10000');
  // SQLite's default page cache is 2 MiB; a search page touches a few hundred pages of
  // live_by_seq, so with a few different searches most lookups missed the cache and became a
  // read() from the OS — a quarter of what a search page cost beyond the raw FTS5 query
  // (docs/performance.md). 16 MiB per connection (the app and the CLI open one each), filled
  // only as pages are read.
  db.exec('PRAGMA cache_size = -16384');
  if (options.migrate !== false) migrate(db);
  return db;
}

/** Runs `work` in one IMMEDIATE transaction (takes the write lock up front; no upgrade deadlocks). */
export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Like `transaction`, but its commit survives a power cut: WAL with synchronous=NORMAL (kept for
 * everything else, for speed) may lose the last commits when the machine loses power, and a
 * commit that precedes a paid request must not be lost. FULL fsyncs the WAL at this commit.
 */
export function durableTransaction<T>(db: Database, work: () => T): T {
  db.exec('PRAGMA synchronous = FULL');
  try {
    return transaction(db, work);
  } finally {
    db.exec('PRAGMA synchronous = NORMAL');
  }
}

let ftsAvailable: boolean | null = null;
/** Whether this SQLite has FTS5; without it search falls back to a plain scan. */
export function hasFts5(db: Database): boolean {
  if (ftsAvailable !== null) return ftsAvailable;
  try {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.__fts5_probe USING fts5(x)');
    db.exec('DROP TABLE temp.__fts5_probe');
    ftsAvailable = true;
  } catch {
    ftsAvailable = false;
  }
  return ftsAvailable;
}
