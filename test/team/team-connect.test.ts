/**
 * The team database's schema version and library id: migrations only through
 * `seedbank library migrate` (the real CLI), a workstation refusing a database or folder that
 * does not fit, and the Test checks — on a real PostgreSQL.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedbankError } from '../../shared/errors';
import { newLibraryId, writeLibraryIdFile } from '../../electron/core/library/store/library-id-file';
import { testTeamConnection } from '../../electron/core/library/team/team-connect';
import { migrateTeamDatabase } from '../../electron/core/library/team/team-migrate';
import { CHANGE_CHANNEL, PROJECTS_NOTICE, TEAM_SCHEMA_VERSION } from '../../electron/core/library/team/team-schema';
import { TeamLibraryStore } from '../../electron/core/library/team/team-store';
import { buildCli, cliEnv, runCli, tempHome } from '../cli/cli-harness';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { assetUrl, makeTeamLibrary } from '../support/store-test-kit';
import { makeTempDir } from '../support/temp';

let server: TestPostgres;
beforeAll(async () => {
  buildCli();
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const open = (url: string, folder: string) => TeamLibraryStore.open({ url, folder, assetUrl });

/** The error a promise is refused with (the test fails if it is not refused). */
async function refusal(promise: Promise<unknown>): Promise<SeedbankError> {
  const outcome = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(SeedbankError);
  return outcome as SeedbankError;
}

describe('seedbank library migrate', () => {
  it('takes a version-2 database to version 3, keeping its projects; a project change then notifies the workstations', async () => {
    const url = await server.createDatabase();
    expect(await migrateTeamDatabase(url, 2)).toMatchObject({ from: 0, to: 2 });
    await sql(url, "INSERT INTO projects (id, name, created_at) VALUES ('p1', 'Harbour', '2026-01-01T00:00:00.000Z')");
    expect(await migrateTeamDatabase(url)).toMatchObject({ from: 2, to: 3 });

    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    try {
      await listener.query(`LISTEN ${CHANGE_CHANNEL}`);
      const notice = new Promise<string | undefined>((resolve) =>
        listener.once('notification', (n: pg.Notification) => resolve(n.payload)),
      );
      await sql(url, "UPDATE projects SET name = 'Harbour at night' WHERE id = 'p1'");
      expect(await notice).toBe(PROJECTS_NOTICE);
      expect((await listener.query('SELECT name FROM projects')).rows).toEqual([{ name: 'Harbour at night' }]);
    } finally {
      await listener.end();
    }
  });

  it('creates the schema once, gives the folder the library id, and a second run changes nothing', async () => {
    const url = await server.createDatabase();
    const folder = makeTempDir('seedbank-team-folder-');
    const env = cliEnv({ home: tempHome(), apiBase: 'http://127.0.0.1:9', extra: { SEEDBANK_DATABASE_URL: url } });
    const first = await runCli(['library', 'migrate', '--folder', folder, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout) as { from: number; to: number; libraryId: string; claimed: string };
    expect(result).toMatchObject({ from: 0, to: TEAM_SCHEMA_VERSION, claimed: 'written' });
    expect(fs.readFileSync(path.join(folder, 'seedbank-library-id'), 'utf8').trim()).toBe(result.libraryId);

    const again = await runCli(['library', 'migrate', '--folder', folder], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`at schema version ${TEAM_SCHEMA_VERSION} already`);
    expect(again.stdout).toContain(result.libraryId);

    const store = await open(url, folder);
    expect(await store.libraryId()).toBe(result.libraryId);
    await store.close();
  });

  it('refuses to give a folder of another library to this database, and says so', async () => {
    const url = await server.createDatabase();
    const folder = makeTempDir('seedbank-team-folder-');
    const other = newLibraryId();
    await writeLibraryIdFile(folder, other);
    const env = cliEnv({ home: tempHome(), apiBase: 'http://127.0.0.1:9' });
    const result = await runCli(['library', 'migrate', '--database', url, '--folder', folder], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`belongs to another library (${other})`);
    expect(fs.readFileSync(path.join(folder, 'seedbank-library-id'), 'utf8').trim()).toBe(other);
  });

  it('without a database named, says how to name one', async () => {
    const env = cliEnv({ home: tempHome(), apiBase: 'http://127.0.0.1:9' });
    const result = await runCli(['library', 'migrate'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SEEDBANK_DATABASE_URL');
  });
});

describe('connecting a workstation', () => {
  it('refuses a database with no Seedbank schema, naming both versions and the migrate command', async () => {
    const url = await server.createDatabase();
    const folder = makeTempDir('seedbank-team-folder-');
    const err = await refusal(open(url, folder));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', field: 'schemaVersion' });
    expect(err.message).toMatch(
      new RegExp(`schema version 0; this Seedbank expects ${TEAM_SCHEMA_VERSION}\\).*seedbank library migrate`),
    );
  });

  it('refuses a database at a newer schema version, naming both and telling to update Seedbank', async () => {
    const library = await makeTeamLibrary(server);
    await sql(library.url, 'UPDATE seedbank_library SET schema_version = 99');
    const err = await refusal(open(library.url, library.folder));
    expect(err.field).toBe('schemaVersion');
    expect(err.message).toMatch(
      new RegExp(`schema version 99; this Seedbank expects version ${TEAM_SCHEMA_VERSION}\\. Update Seedbank`),
    );
  });

  it('refuses a shared folder without the library id, or with another library’s', async () => {
    const library = await makeTeamLibrary(server);
    const bare = makeTempDir('seedbank-team-folder-');
    const missing = await refusal(open(library.url, bare));
    expect(missing.field).toBe('folder');
    expect(missing.message).toContain('has no library id: run `seedbank library migrate --folder');
    const foreign = makeTempDir('seedbank-team-folder-');
    await writeLibraryIdFile(foreign, newLibraryId());
    const other = await refusal(open(library.url, foreign));
    expect(other.field).toBe('folder');
    expect(other.message).toContain('choose the folder that goes with this database');
  });

  it('says which server it cannot reach', async () => {
    const closed = await closedPort();
    const folder = makeTempDir('seedbank-team-folder-');
    const err = await refusal(open(`postgres://postgres@127.0.0.1:${closed}/seedbank`, folder));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`Cannot reach the team database at 127.0.0.1:${closed}`);
  });

  it('refuses a connection string that is not a postgres:// address, naming it', async () => {
    await expect(open('mysql://server/db', makeTempDir('seedbank-team-folder-'))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'connectionString',
    });
  });
});

describe('the Test checks', () => {
  it('passes every check on a library whose folder and database belong together', async () => {
    const library = await makeTeamLibrary(server);
    const checks = await testTeamConnection(library.url, library.folder);
    expect(checks.map((check) => [check.name, check.ok])).toEqual([
      ['connection', true],
      ['schema', true],
      ['folder', true],
      ['library id', true],
    ]);
    // The write probe leaves nothing behind in the shared folder.
    expect(fs.readdirSync(library.folder)).toEqual(['seedbank-library-id']);
  });

  it('fails the folder check where the folder cannot be written, and the id check on a mismatch', async () => {
    const library = await makeTeamLibrary(server);
    const notAFolder = path.join(makeTempDir('seedbank-team-folder-'), 'a-file');
    fs.writeFileSync(notAFolder, 'x');
    const checks = await testTeamConnection(library.url, notAFolder);
    expect(checks.find((c) => c.name === 'folder')).toMatchObject({ ok: false });
    expect(checks.find((c) => c.name === 'folder')?.message).toContain('Cannot write into the shared folder');

    const other = makeTempDir('seedbank-team-folder-');
    await writeLibraryIdFile(other, newLibraryId());
    const mismatch = await testTeamConnection(library.url, other);
    expect(mismatch.find((c) => c.name === 'library id')).toMatchObject({ ok: false });
  });

  it('`seedbank library check` prints each check and exits 0 only when all pass', async () => {
    const library = await makeTeamLibrary(server);
    const env = cliEnv({
      home: tempHome(),
      apiBase: 'http://127.0.0.1:9',
      extra: { SEEDBANK_DATABASE_URL: library.url },
    });
    const passing = await runCli(['library', 'check', '--folder', library.folder], env);
    expect(passing.code, passing.stderr).toBe(0);
    expect(
      passing.stdout
        .trim()
        .split('\n')
        .map((line) => line.slice(0, 4)),
    ).toEqual(['ok  ', 'ok  ', 'ok  ', 'ok  ']);
    const other = makeTempDir('seedbank-team-folder-');
    await writeLibraryIdFile(other, newLibraryId());
    const failing = await runCli(['library', 'check', '--folder', other], env);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('FAIL library id');
  });

  it('stops at the connection check when the server does not answer', async () => {
    const checks = await testTeamConnection(
      `postgres://postgres@127.0.0.1:${await closedPort()}/x`,
      makeTempDir('seedbank-team-folder-'),
    );
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: 'connection', ok: false });
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return address.port;
}
