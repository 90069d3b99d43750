/**
 * Puts the core together for one front door (Electron main, the CLI, the web host): paths,
 * log, settings, key, database, library, job runner, and one dispatcher over every handler.
 * Nothing here imports `electron`; main passes in what only Electron has (net.fetch, the
 * electron-store opener, the asset URL scheme, the shell actions).
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Handlers } from '../../shared/api';
import { SeedbankError } from '../../shared/errors';
import { createDispatcher, type Dispatch } from './contract/dispatch';
import type { CoreContext, FetchLike } from './context';
import { EventBus } from './events';
import { createDiagnosticsHandlers } from './diagnostics/diagnostics-handlers';
import { createAccountHandlers } from './handlers/account-handlers';
import { testCandidateKey } from './secrets/key-setup';
import { createAppHandlers } from './handlers/app-handlers';
import { createTeamHandlers } from './handlers/team-handlers';
import { createJobHandlers } from './jobs/job-handlers';
import { JobRunner } from './jobs/runner';
import { openDatabase } from './library/db/database';
import { Library } from './library/library';
import { moveToOsTrashWithPackage } from './library/edits/os-trash';
import type { MoveToOsTrash } from './library/edits/trash';
import { createLibraryHandlers } from './library/library-handlers';
import { forwardChanges } from './library/store/change-events';
import { outboxResults } from './library/team/team-outbox';
import { startTeamOffline, type TeamOffline } from './library/team/team-offline';
import type { SecretStoreFor } from './library/team/team-credentials';
import { openTeamFromSettings, teamLibraryCheck, type TeamOpening } from './library/team/team-from-settings';
import {
  createRefusedLibraryHandlers,
  createTeamLibraryHandlers,
  type TeamHandlerDeps,
} from './library/team/team-library-handlers';
import { TeamThumbnails } from './library/team/team-thumbnails';
import type { TeamServedRoot } from './served-files/served-files';
import { libraryResults, type ResultStore } from './jobs/result-store';
import { createWatchedHandlers } from './library/watched/watched-handlers';
import { anyFolder, typedFolderAccess, type FolderAccess } from './folder-access';
import { createFileLogger, type Logger } from './logging/logger';
import { appPaths } from './paths';
import { holdYoungGeneration } from './runtime/young-generation';
import { KeyringSecretStore } from './secrets/keyring-store';
import { createKeyService } from './secrets/key-service';
import type { SecretStore } from './secrets/secret-store';
import { createSettingsService, type SettingsStore } from './settings/settings-service';

export interface CoreOptions {
  home: string;
  env?: NodeJS.ProcessEnv;
  /** Who opens the core, for job leases and logs. */
  kind: 'app' | 'cli' | 'web' | 'test';
  version: string;
  /** The installed app (Electron's `app.isPackaged`): `SEEDBANK_API_BASE` then needs `--dev-api-base` in `argv`. */
  packaged?: boolean;
  argv?: readonly string[];
  fetch?: FetchLike;
  /** The keychain; `null` when none is reachable. Defaults to the OS keychain. */
  secretStore?: SecretStore | null;
  /** The keychain per account, for the team database's password; `null` when none is reachable. Defaults like `secretStore`. */
  teamSecrets?: SecretStoreFor | null;
  openSettingsStore?: (directory: string) => SettingsStore;
  assetUrl?: (relativePath: string) => string;
  logger?: Logger;
  now?: () => Date;
  /**
   * Front-door-specific handlers (shell actions) that override or add to the core's. As a
   * function it receives the core's handlers, so it can wrap one (reveal = core answer + shell).
   */
  extraHandlers?: Partial<Handlers> | ((coreHandlers: Partial<Handlers>) => Partial<Handlers>);
  /**
   * Where emptying Seedbank's trash sends files: Electron's `shell.trashItem` in the app; the
   * `trash` package by default for the CLI and the web host; `null` deletes outright (tests).
   */
  moveToOsTrash?: MoveToOsTrash | null;
  /**
   * How `library:import` / `library:export` folders are named: the app passes its dialog handles;
   * the CLI takes any path; otherwise (web host, tests) typed paths under home and temp only.
   */
  folders?: FolderAccess;
  /** Resume unfinished jobs at start (the app does; the CLI never: `seedbank resume` asks for it). */
  resumeJobs?: boolean;
  /**
   * Reconcile the library and make missing thumbnails in the background, at start and after
   * a rebuild or import (the app and the web host do; the CLI does not: a one-shot command
   * must not start a pass over 100,000 files).
   */
  backgroundMaintenance?: boolean;
}

export interface Core {
  ctx: CoreContext;
  library: Library;
  /** The team library as opened from the settings (`local` when this computer's library is in use). */
  team: TeamOpening;
  /**
   * What the asset front doors (the app's scheme, the web host's route) serve beside this
   * computer's library folder, asked at each request: the team library's shared folder and
   * thumbnail cache; and what they run first: a thumbnail made on demand (either library).
   */
  assets: { team(): TeamServedRoot | null; prepare(rawPath: string): Promise<void> };
  /** A team library's watch, outbox and cache while it is away after start (null unless the team library opened). */
  teamOffline: TeamOffline | null;
  /** Settles when the offline outbox has been moved into the team library (at once when there is none). */
  outboxDrained: Promise<void>;
  runner: JobRunner;
  handlers: Partial<Handlers>;
  dispatch: Dispatch;
  close(): Promise<void>;
}

function defaultFolders(kind: CoreOptions['kind'], home: string): FolderAccess {
  if (kind === 'cli') return anyFolder;
  // The app must pass its dialog handles; falling back to typed paths would reopen the hole.
  if (kind === 'app') return { resolve: (_value, field) => Promise.reject(noDialog(field)) };
  return typedFolderAccess({ roots: [os.homedir(), os.tmpdir()], appData: home });
}

function noDialog(field: string): SeedbankError {
  return new SeedbankError('INVALID_INPUT', 'Folders are chosen with the folder dialog', field);
}

/** The library channels for the library the settings chose (see team-library-handlers.ts). */
function libraryHandlersFor(
  team: TeamOpening,
  offline: TeamOffline | null,
  local: ReturnType<typeof createLibraryHandlers>,
  deps: TeamHandlerDeps,
) {
  if (team.state === 'open') {
    const handlers = createTeamLibraryHandlers(team.store, local, deps);
    return offline ? offline.handlers(handlers) : handlers;
  }
  if (team.state === 'refused') return createRefusedLibraryHandlers(team.error, local);
  return local;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  // Before the core allocates anything: every host's young generation stays small (the file says why).
  holdYoungGeneration();
  const env = options.env ?? process.env;
  const paths = appPaths(options.home);
  const logger = options.logger ?? createFileLogger({ directory: paths.logsDir });
  const bus = new EventBus();
  const settings = createSettingsService({
    directory: paths.settingsDir,
    env,
    packaged: options.packaged ?? false,
    argv: options.argv ?? [],
    logger,
    ...(options.openSettingsStore ? { openStore: options.openSettingsStore } : {}),
  });
  const secretStore = options.secretStore === undefined ? new KeyringSecretStore() : options.secretStore;
  const keys = createKeyService({ store: secretStore, env, logger });
  const db = openDatabase(paths.database);
  const ctx: CoreContext = {
    paths,
    logger,
    bus,
    settings,
    keys,
    db,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now: options.now ?? (() => new Date()),
    assetUrl: options.assetUrl ?? ((relativePath) => `seedbank-asset://library/${relativePath}`),
    ownerId: `${options.kind}:${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    version: options.version,
  };
  // The API base is logged with each request; reading it here would open the settings file early.
  logger.info('core starting', { kind: options.kind, home: paths.home });

  const moveToOsTrash =
    options.moveToOsTrash === undefined
      ? options.kind === 'test'
        ? undefined
        : moveToOsTrashWithPackage
      : (options.moveToOsTrash ?? undefined);
  const library = new Library(ctx, {
    ...(moveToOsTrash ? { moveToOsTrash } : {}),
    ...(options.backgroundMaintenance === false ? { backgroundMaintenance: false, thumbnailsAfterTasks: false } : {}),
  });
  await library.start();
  const teamSecrets: SecretStoreFor | null =
    options.teamSecrets !== undefined
      ? options.teamSecrets
      : secretStore === null
        ? null
        : (service, account) => new KeyringSecretStore(service, account);
  // Set once the team library is open; its trouble reports (dropped connections) wake the watch.
  let offline: TeamOffline | null = null;
  const team = await openTeamFromSettings({
    settings: settings.get(),
    secretStoreFor: teamSecrets,
    assetUrl: ctx.assetUrl,
    now: ctx.now,
    onTrouble: (message) => {
      logger.warn('team library trouble', { message });
      void offline?.reach.suspect(message);
    },
    // Ratings, tags and projects reach the shared files in the background after each edit.
    writeBack: { creatorTool: library.creatorTool, logger },
  });
  if (team.state === 'refused') logger.error('team library refused', { error: team.error.message });
  // Other workstations' changes (and this one's) reach the page as `library:changed`.
  const stopForwarding = team.state === 'open' ? await forwardChanges(team.store, bus) : () => undefined;
  // A team library lost after start: noticed, said, results to the outbox, drained when back.
  if (team.state === 'open')
    offline = startTeamOffline({
      store: team.store,
      folder: team.folder,
      library,
      db,
      home: paths.home,
      bus,
      logger,
      now: ctx.now,
    });
  const results: ResultStore = offline
    ? offline.results
    : team.state === 'refused'
      ? outboxResults(libraryResults(library), paths.home)
      : libraryResults(library);
  // Images made while the team library could not be opened move in now (idempotent, in the background).
  const drained = offline ? offline.drain() : Promise.resolve();
  const teamThumbnails =
    team.state === 'open'
      ? new TeamThumbnails({
          getGeneration: (id) => team.store.getGeneration(id),
          libraryId: team.libraryId,
          folder: team.folder,
          home: paths.home,
          logger,
        })
      : null;
  const runner = new JobRunner(ctx, library, results);
  if (options.resumeJobs !== false) runner.start();

  const folders = options.folders ?? defaultFolders(options.kind, paths.home);
  const coreHandlers: Partial<Handlers> = {
    ...createAppHandlers(ctx),
    ...libraryHandlersFor(team, offline, createLibraryHandlers(library, ctx, folders), { library, ctx, folders }),
    ...createWatchedHandlers(library, folders),
    ...createJobHandlers(runner, ctx),
    ...createTeamHandlers({
      settings: ctx.settings,
      secrets: teamSecrets,
      folders,
    }),
    ...createAccountHandlers({
      keys: ctx.keys,
      bus: ctx.bus,
      client: () => runner.client(),
      testKey: (candidate) => testCandidateKey(ctx, candidate),
    }),
  };
  const getCredits = coreHandlers['credits:get'];
  Object.assign(
    coreHandlers,
    createDiagnosticsHandlers({
      ctx,
      credits: async () => {
        if (!getCredits) throw new Error('credits:get is not available');
        return getCredits(undefined);
      },
      library: () => (offline ? offline.diagnostics() : teamLibraryCheck(team)),
    }),
  );
  const extra =
    typeof options.extraHandlers === 'function' ? options.extraHandlers(coreHandlers) : options.extraHandlers;
  const handlers: Partial<Handlers> = { ...coreHandlers, ...extra };

  return {
    ctx,
    library,
    team,
    assets: {
      team: () => teamThumbnails?.root ?? null,
      prepare: (raw) =>
        raw.startsWith('team/') ? (teamThumbnails?.prepare(raw) ?? Promise.resolve()) : library.thumbnailOnDemand(raw),
    },
    teamOffline: offline,
    outboxDrained: drained.then(() => undefined),
    runner,
    handlers,
    dispatch: createDispatcher(handlers, logger),
    async close() {
      await runner.stop();
      await drained;
      stopForwarding();
      await offline?.close();
      if (team.state === 'open') await team.store.close();
      await library.close();
      db.close();
      logger.info('core closed');
    },
  };
}
