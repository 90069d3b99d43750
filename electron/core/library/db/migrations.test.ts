import type { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { migrate, MIGRATIONS, schemaVersion } from './migrations';
import { listRows, type LibraryFilter } from '../query/gallery-page';
import { silentLogger } from '../../logging/logger';
import { makeRecord, tempHome } from '../../../../test/support/library-test-kit';
import { transaction } from './database';
import { GALLERY_COLUMN_NAMES } from './generation-row';
import { saveGeneration } from './upsert-generation';

const open: DatabaseSync[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function fresh(): DatabaseSync {
  const db = openDatabase(path.join(tempHome(), 'library.db'), { migrate: false });
  open.push(db);
  return db;
}

const latest = MIGRATIONS.at(-1)!.version;

function insertV1Generation(db: DatabaseSync, id: string, createdAt: string, prompt: string): void {
  db.prepare(
    `INSERT INTO generations (id, model, prompt, format, params, created_at, file) VALUES (?, 'flux-2-pro', ?, 'jpeg', '{}', ?, ?)`,
  ).run(id, prompt, createdAt, `images/2026-11/${id}.jpg`);
}

describe('schema migrations', () => {
  it('takes an empty database to the latest version', () => {
    const db = fresh();
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toBe(latest);
  });

  it('takes every earlier version to the latest', () => {
    for (let version = 0; version < latest; version++) {
      const db = fresh();
      migrate(db, version);
      expect(schemaVersion(db)).toBe(version);
      expect(migrate(db)).toBe(latest);
    }
  });

  it('keeps v1 rows and makes them listable, searchable and filterable', () => {
    const db = fresh();
    migrate(db, 1);
    insertV1Generation(db, 'a', '2026-11-01T00:00:00.000Z', 'an astronaut');
    insertV1Generation(db, 'b', '2026-11-02T00:00:00.000Z', 'a lighthouse');
    db.prepare(`INSERT INTO generation_inputs (generation_id, slot, hash) VALUES ('b', 0, ?)`).run('a'.repeat(64));
    migrate(db);

    const list = (filter: Parameters<typeof listRows>[2]['filter']) =>
      listRows(db, silentLogger, { filter, sort: 'newest', cursor: null, limit: 10 }).rows.map((r) => r.id);
    expect(list({})).toEqual(['b', 'a']);
    expect(list({ search: 'astro' })).toEqual(['a']);
    expect(list({ hasReferences: true })).toEqual(['b']);
    // New rows after the migration get seq numbers after the old ones and are searchable too.
    insertV1Generation(db, 'c', '2026-11-03T00:00:00.000Z', 'astrolabe');
    expect(list({ search: 'astro' })).toEqual(['c', 'a']);
  });

  it('v6: pages from a v5 library show the same tiles, and live_by_seq holds every tile column', () => {
    const db = fresh();
    migrate(db, 5);
    const records = [
      makeRecord({ createdAt: '2026-11-01T00:00:00.000Z', prompt: 'an astronaut', tags: ['keeper'], rating: 4 }),
      makeRecord({ createdAt: '2026-11-02T00:00:00.000Z', prompt: 'a lighthouse', favorite: true }),
      makeRecord({
        createdAt: '2026-11-03T00:00:00.000Z',
        prompt: '',
        source: { tool: 'comfyui', fileName: 'astro-01.png' },
      }),
      makeRecord({ createdAt: '2026-11-04T00:00:00.000Z', prompt: 'a trashed astronaut' }),
    ];
    transaction(db, () =>
      records.forEach((record, i) =>
        saveGeneration(db, {
          record,
          file: { file: `images/2026-11/${record.id}.jpg`, format: 'jpeg', bytes: 1, mtimeMs: 1, sha256: record.id },
          jobId: null,
          projectId: null,
          trashedAt: i === 3 ? '2026-11-05T00:00:00.000Z' : null,
          thumbMadeAt: null,
        }),
      ),
    );
    const filters: LibraryFilter[] = [
      {},
      { search: 'astro' },
      { tag: 'keeper' },
      { favorite: true },
      { trashed: true },
    ];
    const pages = () =>
      filters.map((filter) => listRows(db, silentLogger, { filter, sort: 'newest', cursor: null, limit: 10 }).rows);
    const before = pages();
    expect(before[1]!.map((row) => row.id)).toEqual([records[2]!.id, records[0]!.id]);

    migrate(db);
    expect(pages()).toEqual(before);
    // What makes a search page cheap: its matches are checked against this index, which now
    // answers every column a tile shows, so no table row is read.
    const indexed = (db.prepare("SELECT name FROM pragma_index_info('live_by_seq')").all() as { name: string }[]).map(
      (column) => column.name,
    );
    expect(indexed).toEqual(expect.arrayContaining([...GALLERY_COLUMN_NAMES]));
  });

  it('is a no-op when run again', () => {
    const db = fresh();
    migrate(db);
    expect(migrate(db)).toBe(latest);
  });
});
