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
import { LibrarySwitch } from './library/store/library-switch';
import type { SecretStoreFor } from './library/team/team-credentials';
import type { TeamOpening } from './library/team/team-from-settings';
import type { TeamOffline } from './library/team/team-offline';
import type { TeamServedRoot } from './served-files/served-files';
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
  /** The team library in use (`local` when this computer's library is); follows Settings → Library. */
  readonly team: TeamOpening;
  /** Settles when the offline outbox has been moved into the team library in use (at once when there is none). */
  readonly outboxDrained: Promise<void>;
  /**
   * What the asset front doors (the app's scheme, the web host's route) serve beside this
   * computer's library folder, asked at each request: the team library's shared folder and
   * thumbnail cache; and what they run first: a thumbnail made on demand (either library).
   */
  assets: { team(): TeamServedRoot | null; prepare(rawPath: string): Promise<void> };
  /** The team library's watch, outbox and cache for when it is lost after opening (null unless a team library is open). */
  readonly teamOffline: TeamOffline | null;
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
  const folders = options.folders ?? defaultFolders(options.kind, paths.home);
  // The library the settings choose, switchable while running (library:teamSave; library-switch.ts).
  const librarySwitch = await LibrarySwitch.open(
    {
      secretStoreFor: teamSecrets,
      assetUrl: ctx.assetUrl,
      now: ctx.now,
      onTrouble: (message) => logger.warn('team library trouble', { message }),
      bus,
      logger,
      library,
      db,
      home: paths.home,
      local: createLibraryHandlers(library, ctx, folders),
      teamHandlers: { library, ctx, folders },
      // Ratings, tags and projects reach the shared files in the background after each edit.
      writeBack: { creatorTool: library.creatorTool, logger },
    },
    settings.get(),
  );
  const runner = new JobRunner(ctx, library, librarySwitch.results());
  if (options.resumeJobs !== false) runner.start();

  const coreHandlers: Partial<Handlers> = {
    ...createAppHandlers(ctx),
    ...librarySwitch.handlers(),
    ...createWatchedHandlers(library, folders),
    ...createJobHandlers(runner, ctx),
    ...createTeamHandlers({
      settings: ctx.settings,
      secrets: teamSecrets,
      folders,
      switchLibrary: (saved) => librarySwitch.switchTo(saved),
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
      library: () => librarySwitch.check(),
    }),
  );
  const extra =
    typeof options.extraHandlers === 'function' ? options.extraHandlers(coreHandlers) : options.extraHandlers;
  const handlers: Partial<Handlers> = { ...coreHandlers, ...extra };

  return {
    ctx,
    library,
    get team() {
      return librarySwitch.opening;
    },
    get outboxDrained() {
      return librarySwitch.drained;
    },
    get teamOffline() {
      return librarySwitch.offline;
    },
    assets: {
      team: () => librarySwitch.thumbnails?.root ?? null,
      prepare: (raw) =>
        raw.startsWith('team/')
          ? (librarySwitch.thumbnails?.prepare(raw) ?? Promise.resolve())
          : library.thumbnailOnDemand(raw),
    },
    runner,
    handlers,
    dispatch: createDispatcher(handlers, logger),
    async close() {
      await runner.stop();
      await librarySwitch.close();
      await library.close();
      db.close();
      logger.info('core closed');
    },
  };
}
