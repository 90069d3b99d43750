/**
 * Settings → Library's channels: what the page may see of the team library's settings, the Test
 * button, and saving. The page never gets the database password back: a password typed in the
 * connection string is split off into the OS keychain (team-credentials.ts) and settings keep
 * the string without it. Saving another library switches to it at once (`switchLibrary`, the
 * core's library-switch.ts); without one (a front door that cannot switch) it takes effect at the
 * next start, and the answer says so (`restartNeeded`).
 */
import os from 'node:os';
import type { Handlers } from '../../../shared/api';
import { hasPassword } from '../../../shared/api';
import { SeedbankError } from '../../../shared/errors';
import type { Settings, TeamLibraryView } from '../../../shared/types';
import type { TeamOpening } from '../library/team/team-from-settings';
import type { SettingsService } from '../context';
import type { FolderAccess } from '../folder-access';
import { testTeamConnection } from '../library/team/team-connect';
import {
  rememberPassword,
  withStoredPassword,
  withoutPassword,
  passwordAccount,
  type SecretStoreFor,
} from '../library/team/team-credentials';
import { KEYCHAIN_SERVICE, KeychainUnavailableError } from '../secrets/secret-store';

type TeamChannels = 'library:teamSettings' | 'library:teamTest' | 'library:teamSave';

export interface TeamHandlerDeps {
  settings: SettingsService;
  /** The OS keychain per account; null when none is reachable. */
  secrets: SecretStoreFor | null;
  /** How the page names the shared folder (dialog handles in the app, typed paths in the browser host). */
  folders: FolderAccess;
  /** Makes the saved library the one in use; resolves once it is (opened, or refused with its reason). */
  switchLibrary?: (saved: Settings) => Promise<TeamOpening>;
}

/** The OS user name: the default person name, so a team sees who made an image without setup. */
function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createTeamHandlers({
  settings,
  secrets,
  folders,
  switchLibrary,
}: TeamHandlerDeps): Pick<Handlers, TeamChannels> {
  const passwordSaved = async (url: string | undefined): Promise<boolean> => {
    if (url === undefined || secrets === null) return false;
    try {
      return (await secrets(KEYCHAIN_SERVICE, passwordAccount(url)).get()) !== null;
    } catch (err) {
      if (err instanceof KeychainUnavailableError) return false;
      throw err;
    }
  };

  const view = async (current: Settings = settings.get()): Promise<TeamLibraryView> => ({
    mode: current.library.mode,
    databaseUrl: current.library.databaseUrl ?? null,
    sharedFolder: current.library.sharedFolder ?? null,
    personName: current.personName ?? osUserName(),
    passwordSaved: await passwordSaved(current.library.databaseUrl),
    keychainAvailable: secrets !== null,
  });

  /** The folder the page names; the one already saved is accepted as it is (the app's page holds no handle for it). */
  const resolveFolder = (value: string): Promise<string> =>
    value === settings.get().library.sharedFolder ? Promise.resolve(value) : folders.resolve(value, 'sharedFolder');

  /** The string to test with: the typed password when there is one, else the keychain's. */
  const connectable = async (url: string): Promise<string> => {
    if (hasPassword(url) || secrets === null) return url;
    try {
      return await withStoredPassword(url, secrets);
    } catch (err) {
      if (err instanceof KeychainUnavailableError) return url;
      throw err;
    }
  };

  /** Moves a typed password into the keychain; the URL to save, without it. */
  const keepPassword = async (url: string): Promise<string> => {
    if (!hasPassword(url)) return withoutPassword(url);
    const noKeychain = () =>
      new SeedbankError(
        'INVALID_INPUT',
        'No OS keychain is reachable to keep the password: leave it out of the connection string and give it to the server another way (.pgpass, PGPASSWORD)',
        'databaseUrl',
      );
    if (secrets === null) throw noKeychain();
    try {
      return await rememberPassword(url, secrets);
    } catch (err) {
      if (err instanceof KeychainUnavailableError) throw noKeychain();
      throw err;
    }
  };

  return {
    'library:teamSettings': () => view(),
    'library:teamTest': async ({ databaseUrl, sharedFolder }) => {
      const folder = await resolveFolder(sharedFolder);
      return { checks: await testTeamConnection(await connectable(databaseUrl), folder) };
    },
    'library:teamSave': async ({ mode, databaseUrl, sharedFolder, personName, confirmUntested }) => {
      const current = settings.get();
      const library: Settings['library'] = { ...current.library, mode };
      let checks: Awaited<ReturnType<typeof testTeamConnection>> = [];
      if (databaseUrl !== undefined || sharedFolder !== undefined || mode === 'team') {
        if (databaseUrl === undefined)
          throw new SeedbankError('INVALID_INPUT', 'The team library needs the connection string', 'databaseUrl');
        if (sharedFolder === undefined)
          throw new SeedbankError('INVALID_INPUT', 'The team library needs the shared folder', 'sharedFolder');
        const folder = await resolveFolder(sharedFolder);
        if (mode === 'team') {
          checks = await testTeamConnection(await connectable(databaseUrl), folder);
          const failed = checks.find((check) => !check.ok);
          if (failed !== undefined && !confirmUntested)
            throw new SeedbankError(
              'INVALID_INPUT',
              `The team library did not pass its test (${failed.name}: ${failed.message}); fix that, or confirm to switch anyway`,
              'confirmUntested',
            );
        }
        library.databaseUrl = await keepPassword(databaseUrl);
        library.sharedFolder = folder;
      }
      const saved = settings.update({ library, ...(personName !== undefined ? { personName } : {}) });
      const moved =
        saved.library.databaseUrl !== current.library.databaseUrl ||
        saved.library.sharedFolder !== current.library.sharedFolder;
      const another = saved.library.mode !== current.library.mode || (saved.library.mode === 'team' && moved);
      // A library refused at start (server away, say) is tried again by saving it again.
      if (switchLibrary) await switchLibrary(saved);
      return { ...(await view(saved)), checks, restartNeeded: another && !switchLibrary };
    },
  };
}
