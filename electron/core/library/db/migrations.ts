/**
 * Versioned schema migrations, applied in order at open. `PRAGMA user_version` records the
 * version reached; each migration runs in its own transaction, so a crash leaves the database at
 * a whole version. Add a migration by appending to MIGRATIONS — never edit a released one.
 */
import type { DatabaseSync } from 'node:sqlite';
import { v2 } from './schema-v2';
import { v3 } from './schema-v3';
import { v4 } from './schema-v4';
import { v5 } from './schema-v5';
import { v6 } from './schema-v6';
import { v7 } from './schema-v7';

export interface Migration {
  version: number;
  description: string;
  up(db: DatabaseSync): void;
}

/** v1: what jobs and generations need (the generation issue). */
const v1: Migration = {
  version: 1,
  description: 'jobs, generations, projects, reference inputs',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE inputs (
        hash TEXT PRIMARY KEY,
        format TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL,
        status TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt TEXT NOT NULL,
        params TEXT NOT NULL,
        inputs TEXT NOT NULL DEFAULT '[]',
        project_id TEXT,
        estimated_cost REAL,
        task_id TEXT,
        polling_url TEXT,
        cost REAL,
        input_mp REAL,
        output_mp REAL,
        progress REAL,
        result_url TEXT,
        result_seed INTEGER,
        result_prompt TEXT,
        result_json TEXT,
        ready_at TEXT,
        error_code TEXT,
        error_message TEXT,
        generation_id TEXT,
        polls INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_pid INTEGER,
        lease_host TEXT,
        lease_expires_at INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        submitted_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX jobs_by_status ON jobs(status, created_at);
      CREATE TABLE generations (
        id TEXT PRIMARY KEY,
        job_id TEXT,
        task_id TEXT,
        project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
        model TEXT NOT NULL,
        prompt TEXT NOT NULL,
        upsampled_prompt TEXT,
        seed INTEGER,
        width INTEGER,
        height INTEGER,
        format TEXT NOT NULL,
        params TEXT NOT NULL,
        cost REAL,
        created_at TEXT NOT NULL,
        submitted_at TEXT,
        finished_at TEXT,
        file TEXT NOT NULL UNIQUE,
        file_bytes INTEGER
      );
      CREATE INDEX generations_by_created ON generations(created_at DESC, id DESC);
      CREATE TABLE generation_inputs (
        generation_id TEXT NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        slot INTEGER NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (generation_id, slot)
      );
      CREATE INDEX generation_inputs_by_hash ON generation_inputs(hash);
    `);
  },
};

export const MIGRATIONS: Migration[] = [v1, v2, v3, v4, v5, v6, v7];

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

export function migrate(db: DatabaseSync, target: number = MIGRATIONS.at(-1)?.version ?? 0): number {
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break;
    // Re-read inside the lock: another process may have migrated while we waited.
    db.exec('BEGIN IMMEDIATE');
    try {
      if (schemaVersion(db) >= migration.version) {
        db.exec('COMMIT');
        continue;
      }
      migration.up(db);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
  return schemaVersion(db);
}
