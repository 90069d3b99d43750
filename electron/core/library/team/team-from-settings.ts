/**
 * Opening the library the settings choose: `local` (this computer's, the default) needs nothing
 * here; `team` connects to PostgreSQL with the password from the OS keychain and checks the
 * shared folder. A team library that cannot be opened (unreachable, another schema version, the
 * wrong folder, settings incomplete) is refused with the store's own message: the caller answers
 * every library channel with it, never half connected and never this computer's library instead.
 */
import os from 'node:os';
import type { Settings } from '../../../../shared/types';
import { SeedbankError, toErrorInfo } from '../../../../shared/errors';
import type { DiagnosticCheck } from '../../../../shared/diagnostics';
import { teamServedPath } from '../../served-files/served-files';
import { TeamAway } from './team-connection';
import { withStoredPassword, type SecretStoreFor } from './team-credentials';
import { TeamLibraryStore, type TeamWriteBackOptions } from './team-store';

export type TeamOpening =
  | { state: 'local' }
  | { state: 'open'; store: TeamLibraryStore; folder: string; libraryId: string }
  /** `retries`: the refusal can pass by itself (`TeamAway`), and the library switch tries again. */
  | { state: 'refused'; error: SeedbankError; retries: boolean };

export interface TeamOpenDeps {
  settings: Settings;
  /** The keychain, per account; null when there is none (the connection string is used as it is). */
  secretStoreFor: SecretStoreFor | null;
  assetUrl: (relativePath: string) => string;
  now: () => Date;
  onTrouble: (message: string) => void;
  /** Host name of this workstation (the OS's by default). */
  host?: string;
  /** Background write-back of edits into the shared files (team-store.ts). */
  writeBack?: TeamWriteBackOptions;
}

/** Who made an image: the setting when filled in, else the OS user name. */
export function personName(settings: Settings): string {
  const named = settings.personName?.trim();
  return named ? named : os.userInfo().username;
}

export async function openTeamFromSettings(deps: TeamOpenDeps): Promise<TeamOpening> {
  const { library } = deps.settings;
  if (library.mode !== 'team') return { state: 'local' };
  try {
    if (!library.databaseUrl)
      throw new SeedbankError(
        'INVALID_INPUT',
        'The team library needs a connection string (Settings → Library)',
        'databaseUrl',
      );
    if (!library.sharedFolder)
      throw new SeedbankError(
        'INVALID_INPUT',
        'The team library needs its shared folder (Settings → Library)',
        'sharedFolder',
      );
    const url = deps.secretStoreFor
      ? await withStoredPassword(library.databaseUrl, deps.secretStoreFor)
      : library.databaseUrl;
    // The page asks for team files under `team/<library id>/` (served-files.ts); the id is known
    // once connected, and no URL is made before that.
    let libraryId = '';
    const store = await TeamLibraryStore.open({
      url,
      folder: library.sharedFolder,
      assetUrl: (relativePath) => deps.assetUrl(teamServedPath(libraryId, relativePath)),
      maker: { host: deps.host ?? os.hostname(), person: personName(deps.settings) },
      now: deps.now,
      onTrouble: deps.onTrouble,
      ...(deps.writeBack ? { writeBack: deps.writeBack } : {}),
    });
    libraryId = await store.libraryId();
    return { state: 'open', store, folder: library.sharedFolder, libraryId };
  } catch (err) {
    const info = toErrorInfo(err);
    const retries = err instanceof TeamAway;
    const then = retries ? ' (Seedbank tries again by itself)' : '';
    return {
      state: 'refused',
      error: new SeedbankError(info.code, `Team library not opened: ${info.message}${then}`, info.field),
      retries,
    };
  }
}

/** The diagnostics line for the library in use (none for this computer's library). */
export function teamLibraryCheck(opening: TeamOpening): DiagnosticCheck | null {
  if (opening.state === 'local') return null;
  if (opening.state === 'open')
    return {
      id: 'team-library',
      label: 'Team library',
      ok: true,
      detail: `Connected; files in ${opening.folder}`,
      fix: null,
    };
  return {
    id: 'team-library',
    label: 'Team library',
    ok: false,
    detail: opening.error.message,
    fix: opening.retries
      ? 'Seedbank tries again by itself and switches to the team library when it answers; images made meanwhile wait on this computer'
      : 'Fix the connection in Settings → Library and save it again, or choose “This computer”',
  };
}
