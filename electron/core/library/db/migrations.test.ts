import type { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { migrate, MIGRATIONS, schemaVersion } from './migrations';
import { listRows, type LibraryFilter } from '../query/gallery-page';
import { silentLogger } from '../../logging/logger';
import { makeRecord, tempHome } from '../../../../test/support/library-test-kit';
import { transaction } from './database';
import { GALLERY_COLUMN_NAMES, type GalleryRow } from './generation-row';
import { TILE_COLUMNS } from './schema-v7';
import { saveGeneration } from './upsert-generation';
import type { EmbeddedRecord } from '../../../../shared/types';

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

/** Saves records as the app does (one transaction), the i-th trashed at `trashedAt(i)` when set. */
function saveRecords(db: DatabaseSync, records: EmbeddedRecord[], trashedAt: (i: number) => string | null): void {
  transaction(db, () =>
    records.forEach((record, i) =>
      saveGeneration(db, {
        record,
        file: { file: `images/2026-11/${record.id}.jpg`, format: 'jpeg', bytes: 1, mtimeMs: 1, sha256: record.id },
        jobId: null,
        projectId: null,
        trashedAt: trashedAt(i),
        thumbMadeAt: null,
      }),
    ),
  );
}

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
      listRows(db, silentLogger, { filter, sort: 'newest', cursor: null, limit: 10 }).rows.map((tile) => tile[1]);
    expect(list({})).toEqual(['b', 'a']);
    expect(list({ search: 'astro' })).toEqual(['a']);
    expect(list({ hasReferences: true })).toEqual(['b']);
    // New rows after the migration get seq numbers after the old ones and are searchable too.
    insertV1Generation(db, 'c', '2026-11-03T00:00:00.000Z', 'astrolabe');
    expect(list({ search: 'astro' })).toEqual(['c', 'a']);
  });

  it('v6 and v7: pages of a migrated v5 library show every row as it was stored, from live_by_seq alone', () => {
    const db = fresh();
    migrate(db, 5);
    const records = [
      makeRecord({
        createdAt: '2026-11-01T00:00:00.000Z',
        prompt: 'an astronaut "quoted" \\ \n',
        tags: ['keeper'],
        rating: 4,
      }),
      makeRecord({ createdAt: '2026-11-02T00:00:00.000Z', prompt: 'a lighthouse', favorite: true, seed: null }),
      makeRecord({
        createdAt: '2026-11-03T00:00:00.000Z',
        prompt: '',
        source: { tool: 'comfyui', fileName: 'astro-01.png' },
      }),
      makeRecord({ createdAt: '2026-11-04T00:00:00.000Z', prompt: 'a trashed astronaut' }),
    ];
    saveRecords(db, records, (i) => (i === 3 ? '2026-11-05T00:00:00.000Z' : null));
    // What each row holds, read from the table before the migrations.
    const stored = new Map(
      (db.prepare(`SELECT ${GALLERY_COLUMN_NAMES.join(', ')} FROM generations`).all() as GalleryRow[]).map((row) => [
        row.id,
        { ...row },
      ]),
    );
    const [astronaut, lighthouse, imported, trashed] = records.map((record) => record.id);

    migrate(db);
    const page = (filter: LibraryFilter) =>
      listRows(db, silentLogger, { filter, sort: 'newest', cursor: null, limit: 10 }).rows;
    const expected: [LibraryFilter, (string | undefined)[]][] = [
      [{}, [imported, lighthouse, astronaut]],
      [{ search: 'astro' }, [imported, astronaut]],
      [{ tag: 'keeper' }, [astronaut]],
      [{ favorite: true }, [lighthouse]],
      [{ trashed: true }, [trashed]],
    ];
    // Each page row is that row's columns as stored, in the tile's order.
    const asTile = (id: string | undefined) => TILE_COLUMNS.map((column) => stored.get(id!)![column]);
    for (const [filter, ids] of expected) expect(page(filter)).toEqual(ids.map(asTile));
    // What makes a search page cheap: its matches are checked against this index, which answers
    // a tile as one value, so no table row is read and one value per row reaches JavaScript.
    const indexed = (db.prepare("SELECT name FROM pragma_index_info('live_by_seq')").all() as { name: string }[]).map(
      (column) => column.name,
    );
    expect(indexed).toContain('tile');
  });

  it('v7: live_by_seq holds the tile the table computes for each live row, through later changes too', () => {
    const db = fresh();
    migrate(db, 6);
    const records = Array.from({ length: 30 }, (_, i) =>
      makeRecord({
        createdAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T00:00:${String(i).padStart(2, '0')}.000Z`,
        prompt: `tile ${i} "${'\\'.repeat(i % 3)}" 🦊`,
        favorite: i % 4 === 0,
        rating: i % 6,
        ...(i % 5 === 0 ? { source: { tool: 'file', fileName: `scan ${i}.png` } } : {}),
      }),
    );
    saveRecords(db, records, (i) => (i % 7 === 0 ? '2026-11-29T00:00:00.000Z' : null));
    const columns = GALLERY_COLUMN_NAMES.join(', ');
    const before = db.prepare(`SELECT ${columns} FROM generations ORDER BY seq`).all();

    migrate(db);
    // Read through the index (the tile as stored in it) and from the table (computed from the row).
    const fromIndex = () =>
      (
        db
          .prepare('SELECT id, tile FROM generations INDEXED BY live_by_seq WHERE trashed_at IS NULL ORDER BY seq')
          .all() as {
          id: string;
          tile: string;
        }[]
      ).map((row) => ({ id: row.id, tile: row.tile }));
    const fromTable = () =>
      (
        db.prepare('SELECT id, tile FROM generations NOT INDEXED WHERE trashed_at IS NULL ORDER BY seq').all() as {
          id: string;
          tile: string;
        }[]
      ).map((row) => ({ id: row.id, tile: row.tile }));
    expect(fromIndex()).toHaveLength(records.length - 5);
    expect(fromIndex()).toEqual(fromTable());
    // The migration changed no row, and each tile is that row's columns in TILE_COLUMNS order.
    expect(db.prepare(`SELECT ${columns} FROM generations ORDER BY seq`).all()).toEqual(before);
    for (const [i, row] of (before as Record<string, unknown>[]).entries()) {
      const tile: unknown = JSON.parse(
        (db.prepare('SELECT tile FROM generations WHERE id = ?').get(row.id as string) as { tile: string }).tile,
      );
      expect(tile, `row ${i}`).toEqual(TILE_COLUMNS.map((column) => row[column]));
    }

    db.prepare('UPDATE generations SET favorite = 1 - favorite, rating = 5, missing = 1 WHERE rowid % 2 = 0').run();
    db.prepare("UPDATE generations SET trashed_at = '2026-11-30T00:00:00.000Z' WHERE rowid % 3 = 0").run();
    db.prepare('UPDATE generations SET trashed_at = NULL WHERE rowid % 7 = 0').run();
    expect(fromIndex()).toEqual(fromTable());
    expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
  });

  it('is a no-op when run again', () => {
    const db = fresh();
    migrate(db);
    expect(migrate(db)).toBe(latest);
  });
});
