/**
 * Settings → Library's channels through the core's dispatcher, against a real PostgreSQL that
 * requires a password: the Test button's checks on a migrated database and claimed folder, an
 * unmigrated database named as such, a folder of another library refused, and a saved team
 * library whose password is in the keychain and nowhere in settings.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestChannel, RequestPayload, RequestResult } from '../../shared/api';
import { unwrapEnvelope } from '../../shared/bridge';
import { SeedbankError } from '../../shared/errors';
import { createCore, type Core } from '../../electron/core/app-core';
import { createFileLogger, silentLogger } from '../../electron/core/logging/logger';
import { withoutPassword } from '../../electron/core/library/team/team-credentials';
import { createSettingsService } from '../../electron/core/settings/settings-service';
import { buildCli, cliEnv, runCli, tempHome } from '../cli/cli-harness';
import { claimFolder, migrateTeamDatabase } from '../../electron/core/library/team/team-migrate';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { makeTempDir, removeTempDir } from '../support/temp';

const PASSWORD = 'team s3cret:/@';
let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres({ password: PASSWORD });
});
afterAll(async () => {
  await server.stop();
});

/** An in-memory keychain per account (the real Secret Service is covered by credentials.test.ts). */
function memoryKeychain() {
  const entries = new Map<string, string>();
  const storeFor = (service: string, account: string): SecretStore => {
    const key = `${service}/${account}`;
    return {
      get: () => Promise.resolve(entries.get(key) ?? null),
      set: (value) => Promise.resolve(void entries.set(key, value)),
      delete: () => Promise.resolve(void entries.delete(key)),
    };
  };
  return { entries, storeFor };
}

let core: Core | null = null;
let home = '';
const keychain = memoryKeychain();
afterEach(async () => {
  await core?.close();
  core = null;
  removeTempDir(home);
});

async function open(): Promise<void> {
  home = makeTempDir('seedbank-team-settings-');
  core = await createCore({
    home,
    env: {},
    kind: 'test',
    version: '0.0.0-test',
    secretStore: null,
    teamSecrets: keychain.storeFor,
    logger: createFileLogger({ directory: path.join(home, 'logs') }),
    resumeJobs: false,
    backgroundMaintenance: false,
  });
}

async function call<C extends RequestChannel>(channel: C, payload?: RequestPayload<C>): Promise<RequestResult<C>> {
  if (!core) throw new Error('no core');
  return unwrapEnvelope(await core.dispatch(channel, payload)) as RequestResult<C>;
}

/** A migrated team database (its URL with the password) and a folder carrying its library id. */
async function teamLibrary(): Promise<{ url: string; folder: string }> {
  const url = await server.createDatabase();
  const result = await migrateTeamDatabase(url);
  const folder = makeTempDir('seedbank-team-share-');
  await claimFolder(folder, result.libraryId);
  return { url, folder };
}

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) removeTempDir(dir);
});

describe('library:teamTest', () => {
  it('passes every check on a migrated database with its claimed folder', async () => {
    await open();
    const { url, folder } = await teamLibrary();
    cleanup.push(folder);
    const { checks } = await call('library:teamTest', { databaseUrl: url, sharedFolder: folder });
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['connection', true],
      ['schema', true],
      ['folder', true],
      ['library id', true],
    ]);
  });

  it('names the schema version and `seedbank library migrate` on an unmigrated database', async () => {
    await open();
    const url = await server.createDatabase();
    const folder = makeTempDir('seedbank-team-share-');
    cleanup.push(folder);
    const { checks } = await call('library:teamTest', { databaseUrl: url, sharedFolder: folder });
    const schema = checks.find((c) => c.name === 'schema');
    expect(schema?.ok).toBe(false);
    expect(schema?.message).toMatch(/schema version 0/);
    expect(schema?.message).toContain('seedbank library migrate');
  });

  it('refuses a folder that belongs to another library, naming both ids', async () => {
    await open();
    const first = await teamLibrary();
    const second = await teamLibrary();
    cleanup.push(first.folder, second.folder);
    const { checks } = await call('library:teamTest', { databaseUrl: first.url, sharedFolder: second.folder });
    const ids = checks.find((c) => c.name === 'library id');
    expect(ids?.ok).toBe(false);
    expect(ids?.message).toMatch(/belongs to library .* the database to library/);
  });

  it('refuses a connection string that is not postgres://, naming the field', async () => {
    await open();
    const outcome = await call('library:teamTest', { databaseUrl: 'mysql://x@y/z', sharedFolder: home }).catch(
      (err: unknown) => err,
    );
    expect(outcome).toBeInstanceOf(SeedbankError);
    expect((outcome as SeedbankError).field).toBe('databaseUrl');
  });
});

describe('library:teamSave', () => {
  it('keeps the password in the keychain, never in settings.json, and switches to the team library at once', async () => {
    await open();
    const { url, folder } = await teamLibrary();
    cleanup.push(folder);
    const saved = await call('library:teamSave', {
      mode: 'team',
      databaseUrl: url,
      sharedFolder: folder,
      personName: 'Ada',
    });
    expect(saved).toMatchObject({ mode: 'team', passwordSaved: true, personName: 'Ada', restartNeeded: false });
    // Opened with the password from the keychain, without a restart.
    expect(core!.team.state).toBe('open');
    expect(saved.databaseUrl).not.toContain(encodeURIComponent(PASSWORD));
    expect(JSON.stringify(saved)).not.toContain(encodeURIComponent(PASSWORD));
    const file = fs.readFileSync(path.join(core!.ctx.paths.settingsDir, 'settings.json'), 'utf8');
    expect(file).toContain('"mode": "team"');
    expect(file).not.toContain(encodeURIComponent(PASSWORD));
    expect(file).not.toContain(PASSWORD);
    // The saved string, without its password, still passes the test: the keychain supplies it.
    const { checks } = await call('library:teamTest', {
      databaseUrl: saved.databaseUrl ?? '',
      sharedFolder: saved.sharedFolder ?? '',
    });
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('does not switch to a team library that fails its test unless confirmed', async () => {
    await open();
    const url = await server.createDatabase();
    const folder = makeTempDir('seedbank-team-share-');
    cleanup.push(folder);
    const refused = await call('library:teamSave', { mode: 'team', databaseUrl: url, sharedFolder: folder }).catch(
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(SeedbankError);
    expect((refused as SeedbankError).field).toBe('confirmUntested');
    expect((await call('library:teamSettings')).mode).toBe('local');
    const forced = await call('library:teamSave', {
      mode: 'team',
      databaseUrl: url,
      sharedFolder: folder,
      confirmUntested: true,
    });
    expect(forced.mode).toBe('team');
  });

  it('switches libraries only through Settings → Library (its test), not through settings:update', async () => {
    await open();
    const url = await server.createDatabase();
    const outcome = await call('settings:update', {
      library: { mode: 'team', databaseUrl: url.replace(/:[^:@/]*@/, '@'), sharedFolder: '/nowhere' },
    }).catch((err: unknown) => err);
    expect(outcome).toBeInstanceOf(SeedbankError);
    expect((outcome as SeedbankError).field).toBe('library');
    expect((await call('library:teamSettings')).mode).toBe('local');
  });

  it('refuses a connection string with a password through settings:update', async () => {
    await open();
    const outcome = await call('settings:update', {
      library: { mode: 'team', databaseUrl: 'postgres://u:secret@host/db' },
    }).catch((err: unknown) => err);
    expect(outcome).toBeInstanceOf(SeedbankError);
    expect((outcome as SeedbankError).message).toMatch(/password/);
    const file = path.join(core!.ctx.paths.settingsDir, 'settings.json');
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').not.toContain('secret');
  });
});

describe('seedbank library check and Settings → Library', () => {
  it('uses the saved team library when no flag or variable names one, and SEEDBANK_DATABASE_URL wins over it', async () => {
    buildCli();
    const { url, folder } = await teamLibrary();
    const unmigrated = await server.createDatabase();
    const cliHome = tempHome();
    cleanup.push(folder, cliHome);
    createSettingsService({ directory: cliHome, env: {}, logger: silentLogger }).update({
      library: { mode: 'team', databaseUrl: withoutPassword(url), sharedFolder: folder },
    });
    // No keychain in the CLI's environment: the server gets the password the way scripts give it.
    const env = cliEnv({ home: cliHome, apiBase: 'http://127.0.0.1:9', extra: { PGPASSWORD: PASSWORD } });
    const fromSettings = await runCli(['library', 'check', '--json'], env);
    expect(fromSettings.code, fromSettings.stderr).toBe(0);
    const passed = JSON.parse(fromSettings.stdout) as { checks: { ok: boolean }[] };
    expect(passed.checks.map((c) => c.ok)).toEqual([true, true, true, true]);

    const fromEnv = await runCli(['library', 'check', '--json'], { ...env, SEEDBANK_DATABASE_URL: unmigrated });
    expect(fromEnv.code).not.toBe(0);
    const failed = JSON.parse(fromEnv.stdout) as { checks: { name: string; ok: boolean }[] };
    expect(failed.checks.find((c) => c.name === 'schema')?.ok).toBe(false);
  });
});
