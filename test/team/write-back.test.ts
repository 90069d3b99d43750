/**
 * Write-back on the team library: ratings reach the image file's record, one workstation at a
 * time per file (a PostgreSQL advisory lock), so concurrent ratings end the same in the row and
 * in the file. Real PostgreSQL, real image files with embedded records.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedRecord } from '../../shared/types';
import { embedRecord, readRecord } from '../../electron/core/metadata';
import { WRITE_BACK_LOCK_CLASS } from '../../electron/core/library/team/team-write-back';
import { TeamLibraryStore } from '../../electron/core/library/team/team-store';
import { makeImageBytes, makeRecord } from '../support/library-test-kit';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { assetUrl, entryOf, makeTeamLibrary, openTeamStore, type OpenStore } from '../support/store-test-kit';

const CREATOR = 'Seedbank test';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

let opened: OpenStore[] = [];
afterEach(async () => {
  await Promise.all(opened.map((o) => o.close()));
  opened = [];
});

/** Two workstations on one new team library holding one real image with its record embedded. */
async function setUp(): Promise<{
  one: TeamLibraryStore;
  two: TeamLibraryStore;
  url: string;
  folder: string;
  file: string;
  record: EmbeddedRecord;
}> {
  const library = await makeTeamLibrary(server);
  const [a, b] = [await openTeamStore(library), await openTeamStore(library)];
  opened.push(a, b);
  const record = makeRecord({ rating: 1 });
  const entry = entryOf(record);
  const file = path.join(library.folder, entry.file.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, embedRecord(await makeImageBytes(), record, { creatorTool: CREATOR }));
  await a.store.addGeneration(entry);
  return {
    one: a.store as TeamLibraryStore,
    two: b.store as TeamLibraryStore,
    url: library.url,
    folder: library.folder,
    file,
    record,
  };
}

const ratingInFile = (file: string) => readRecord(new Uint8Array(fs.readFileSync(file)))?.rating;

describe('team write-back', () => {
  it('puts a rating into the file, and a second run finds nothing to do', async () => {
    const { one, file, record } = await setUp();
    await one.rate([record.id], 4);
    expect(await one.writeBack([record.id], CREATOR)).toEqual(['written']);
    expect(ratingInFile(file)).toBe(4);
    expect(await one.writeBack([record.id], CREATOR)).toEqual(['unchanged']);
  });

  it('concurrent ratings from two workstations end the same in the row and in the file', async () => {
    const { one, two, file, record } = await setUp();
    for (const [a, b] of [
      [2, 5],
      [3, 0],
      [4, 1],
    ] as const) {
      await Promise.all([one.rate([record.id], a), two.rate([record.id], b)]);
      await Promise.all([one.writeBack([record.id], CREATOR), two.writeBack([record.id], CREATOR)]);
      const row = (await one.getGeneration(record.id))?.rating;
      expect([a, b]).toContain(row);
      expect(ratingInFile(file)).toBe(row);
    }
  });

  it('waits while another workstation rewrites the file, then writes the row as it is after', async () => {
    const { one, two, url, file, record } = await setUp();
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      // Another workstation's rewrite in progress: it holds the lock of this generation.
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [WRITE_BACK_LOCK_CLASS, record.id]);
      await one.rate([record.id], 3);
      const writing = one.writeBack([record.id], CREATOR);
      await waitFor(async () => (await waitingForLocks(other)) === 1);
      expect(ratingInFile(file)).toBe(1);
      // An edit committed while it waits is what it writes once the lock is free.
      await two.rate([record.id], 5);
      await other.query('COMMIT');
      expect(await writing).toEqual(['written']);
      expect(ratingInFile(file)).toBe(5);
    } finally {
      await other.end();
    }
  });
});

describe('team write-back in the background (the app’s store)', () => {
  /** A workstation whose store writes back after each edit, as the app opens it. */
  async function backgroundStore(library: { url: string; folder: string }, warnings: string[] = []) {
    const store = await TeamLibraryStore.open({
      url: library.url,
      folder: library.folder,
      assetUrl,
      maker: { host: 'test-host', person: 'test-person' },
      writeBack: {
        creatorTool: CREATOR,
        logger: { warn: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`) },
        delayMs: 0,
        retryMs: 20,
      },
    });
    opened.push({ store, folder: library.folder, close: () => store.close() });
    return store;
  }

  it('a rewrite that fails (the file briefly away) is logged and retried until the file has the change', async () => {
    const { url, folder, file, record } = await setUp();
    const warnings: string[] = [];
    const store = await backgroundStore({ url, folder }, warnings);
    fs.renameSync(file, `${file}.away`);
    await store.rate([record.id], 4);
    await waitFor(async () => warnings.length > 0);
    expect(warnings[0]).toContain('write-back failed');
    expect(warnings[0]).toContain(record.id);
    fs.renameSync(`${file}.away`, file);
    await waitFor(async () => ratingInFile(file) === 4);
  });

  it('an edit no workstation wrote back yet is written by the next one that opens', async () => {
    const { one, url, folder, file, record } = await setUp();
    // `one` has no background write-back (a workstation that quit before its rewrite ran).
    await one.rate([record.id], 2);
    expect(ratingInFile(file)).toBe(1);
    const next = await backgroundStore({ url, folder });
    await next.flushWriteBack();
    expect(ratingInFile(file)).toBe(2);
  });
});

async function waitingForLocks(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::integer AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
  );
  return rows[0]?.n ?? 0;
}

/** Polls `check` until it holds (bounded); waiting for an observable state, not for time. */
async function waitFor(check: () => Promise<boolean>, attempts = 500): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the condition never held');
}
