/**
 * Workstations on a team library, for the team tests that run whole cores (issue 17): one real
 * PostgreSQL and one BFL emulator per test file, a fresh team library (database + shared folder)
 * per test, and cores with their own app-data folders. Everything a test makes is removed after
 * it, in reverse order; a server a test took down is brought back up first, so one failing test
 * never leaves the next without it.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Settings } from '../../shared/types';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { openTestCore, type TestCore, type TestCoreOptions } from './jobs-test-harness';
import { startPostgres, type TestPostgres } from './postgres';
import { makeTeamLibrary } from './store-test-kit';
import { removeTempDir } from './temp';

export type TeamLibrary = { url: string; folder: string };

export interface TeamWorkstations {
  /** The file's PostgreSQL (set once `beforeAll` ran). */
  readonly server: TestPostgres;
  /** The file's BFL emulator. */
  readonly fake: FakeBfl;
  /** Runs after the current test (last registered, first run). */
  onCleanup(cleanup: () => Promise<void> | void): void;
  /** A migrated team database with its claimed shared folder. */
  teamLibrary(): Promise<TeamLibrary>;
  /** The settings that choose `library` as the team library, with who is recorded as making images. */
  teamSettings(library: TeamLibrary, personName?: string): Partial<Settings>;
  /** A core with its own app-data folder, started with `settingsAtStart` (this computer's library when none). */
  workstation(
    settingsAtStart?: Partial<Settings>,
    options?: Omit<TestCoreOptions, 'apiBase' | 'settingsAtStart'>,
  ): Promise<TestCore>;
  /** Takes the server down (every connection drops) / brings it back on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
}

/** Registers the file's hooks; call once at the top of a test file. */
export function useTeamWorkstations(): TeamWorkstations {
  let server: TestPostgres | undefined;
  let fake: FakeBfl | undefined;
  let serverDown = false;
  let cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    fake = await startFakeBfl();
  });
  afterAll(async () => {
    await fake?.close();
    await server?.stop();
  });

  const kit: TeamWorkstations = {
    get server() {
      if (!server) throw new Error('the team test server is not started yet (use it inside a test)');
      return server;
    },
    get fake() {
      if (!fake) throw new Error('the BFL emulator is not started yet (use it inside a test)');
      return fake;
    },
    onCleanup: (cleanup) => void cleanups.push(cleanup),
    async teamLibrary() {
      const library = await makeTeamLibrary(kit.server);
      cleanups.push(() => removeTempDir(library.folder));
      return library;
    },
    teamSettings: (library, personName = 'Ana Lima') => ({
      library: { mode: 'team', databaseUrl: library.url, sharedFolder: library.folder },
      personName,
    }),
    async workstation(settingsAtStart, options = {}) {
      const t = await openTestCore({
        ...options,
        apiBase: kit.fake.apiBase,
        ...(settingsAtStart ? { settingsAtStart } : {}),
      });
      cleanups.push(async () => {
        await t.close();
        removeTempDir(t.home);
      });
      return t;
    },
    async down() {
      serverDown = true;
      await kit.server.down();
    },
    async up() {
      await kit.server.up();
      serverDown = false;
    },
  };

  afterEach(async () => {
    if (serverDown) await kit.up();
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
  });
  return kit;
}
