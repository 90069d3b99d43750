/**
 * The library in use, switchable while the core runs (Settings → Library → This computer ⇄
 * Team, issue 17). The core hands out the library channels and the job results store of this
 * object once; each call goes to the library current at that moment, so nothing needs a
 * restart.
 *
 * A switch opens the new library first (the old one keeps answering meanwhile), then swaps, then
 * tells the page to reload (`library:changed` with every list empty, the contract's "reload"),
 * and only then closes the old one: its live feed stops at once, and its store closes after the
 * job results still being written into it have landed. A job that finishes during a switch
 * lands in the library current when it hands its image in — never lost between the two.
 *
 * A team library refused for a reason that can pass by itself (server unreachable, shared folder
 * not there: `TeamAway`) is tried again with backoff, and switched to when it opens — its outbox
 * then drains like after any switch. Other refusals (schema version, another library's folder)
 * wait for a person to change the settings.
 */
import type { Handlers } from '../../../../shared/api';
import type { Settings } from '../../../../shared/types';
import type { DiagnosticCheck } from '../../../../shared/diagnostics';
import { libraryReload } from '../../../../shared/library-reload';
import type { EventBus } from '../../events';
import type { Logger } from '../../logging/logger';
import type { AddImageArgs } from '../files/add-image';
import type { Library } from '../library';
import type { LibraryChannel } from '../library-handlers';
import { libraryResults, type ResultStore } from '../../jobs/result-store';
import type { DatabaseSync } from 'node:sqlite';
import { outboxResults } from '../team/team-outbox';
import { startTeamOffline, type TeamOffline } from '../team/team-offline';
import { TeamThumbnails } from '../team/team-thumbnails';
import {
  openTeamFromSettings,
  teamLibraryCheck,
  type TeamOpenDeps,
  type TeamOpening,
} from '../team/team-from-settings';
import {
  createRefusedLibraryHandlers,
  createTeamLibraryHandlers,
  type TeamHandlerDeps,
} from '../team/team-library-handlers';
import { forwardChanges } from './change-events';

type LibraryHandlers = Pick<Handlers, LibraryChannel>;

export interface LibrarySwitchDeps extends Omit<TeamOpenDeps, 'settings'> {
  bus: EventBus;
  logger: Logger;
  /** This computer's library: the default, the outbox, and the channels that stay local. */
  library: Library;
  db: DatabaseSync;
  home: string;
  /** This computer's library channels. */
  local: LibraryHandlers;
  /** What the team library's channels use of this workstation (its inputs, tasks, folders). */
  teamHandlers: TeamHandlerDeps;
}

/** One opened library: its channels, where results go, and what closing it takes. */
interface Current {
  opening: TeamOpening;
  /** The settings it was opened from (the fields that name a library), and those settings. */
  key: string;
  settings: Settings;
  handlers: LibraryHandlers;
  results: ResultStore;
  /** Job results being written into it right now. */
  writing: Set<Promise<unknown>>;
  stopForwarding: () => void;
  /** Settles when the offline outbox has been moved in (at once when there is none). */
  drained: Promise<void>;
  /** A team library's watch, outbox and cache for when it is lost after opening (team-offline.ts). */
  offline: TeamOffline | null;
  /** This workstation's thumbnails of a team library's images, and its served root. */
  thumbnails: TeamThumbnails | null;
}

/** What names the library to open (and, for a team, who is recorded as making images): a change reopens. */
function libraryKey(settings: Settings): string {
  const { mode, databaseUrl, sharedFolder } = settings.library;
  return mode === 'team' ? JSON.stringify([mode, databaseUrl, sharedFolder, settings.personName ?? null]) : mode;
}

/** A refused team library is tried again after 2 s, then twice as long each time, 30 s at most. */
export const RETRY_FIRST_MS = 2_000;
export const RETRY_MOST_MS = 30_000;

export class LibrarySwitch {
  private current: Current;
  /** Switches run one after the other. */
  private switching: Promise<unknown> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly deps: LibrarySwitchDeps,
    first: Current,
  ) {
    this.current = first;
    this.retryLater(first, RETRY_FIRST_MS);
  }

  static async open(deps: LibrarySwitchDeps, settings: Settings): Promise<LibrarySwitch> {
    return new LibrarySwitch(deps, await openLibrary(deps, settings));
  }

  get opening(): TeamOpening {
    return this.current.opening;
  }

  get drained(): Promise<void> {
    return this.current.drained;
  }

  get offline(): TeamOffline | null {
    return this.current.offline;
  }

  get thumbnails(): TeamThumbnails | null {
    return this.current.thumbnails;
  }

  /** The diagnostics line for the library in use (none for this computer's library). */
  check(): DiagnosticCheck | null {
    const { offline, opening } = this.current;
    return offline ? offline.diagnostics() : teamLibraryCheck(opening);
  }

  /** The library channels, each answered by the library current when it is called. */
  handlers(): LibraryHandlers {
    return Object.fromEntries(
      Object.keys(this.deps.local).map((channel) => [
        channel,
        (payload: unknown) =>
          (this.current.handlers[channel as LibraryChannel] as (payload: unknown) => unknown)(payload),
      ]),
    ) as unknown as LibraryHandlers;
  }

  /** Where job results go: the library current when the image is handed in. */
  results(): ResultStore {
    return {
      addImage: (args: AddImageArgs) => {
        const target = this.current;
        const writing = target.results.addImage(args);
        const settled = writing.catch(() => undefined);
        target.writing.add(settled);
        void settled.then(() => target.writing.delete(settled));
        return writing;
      },
      has: (id) => this.current.results.has(id),
    };
  }

  /**
   * Opens the library `settings` name and makes it current, unless it is the one in use (a
   * library refused before is tried again). Resolves once the page has been told to reload.
   */
  switchTo(settings: Settings): Promise<TeamOpening> {
    let retired: Promise<void> = Promise.resolve();
    const next = this.switching.then(async () => {
      const key = libraryKey(settings);
      if (key === this.current.key && this.current.opening.state !== 'refused') return this.current.opening;
      const opened = await openLibrary(this.deps, settings);
      retired = this.install(opened);
      return opened.opening;
    });
    this.switching = next.then(
      () => retired,
      () => undefined,
    );
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.switching;
    await this.retire(this.current);
  }

  /**
   * Makes `opened` current and tells the page to reload. Resolves when the old library is closed
   * (not awaited by a switch: a result still being written may take a while; the next switch and
   * close() wait for it).
   */
  private install(opened: Current): Promise<void> {
    const old = this.current;
    this.current = opened;
    this.deps.logger.info('library switched', { to: opened.opening.state, from: old.opening.state });
    // Every list empty: "reload" — the gallery, its counts and the sidebar come from another library now.
    this.deps.bus.emit('library:changed', libraryReload());
    this.retryLater(opened, RETRY_FIRST_MS);
    return this.retire(old).catch((err: unknown) => this.deps.logger.error('old library not closed', { error: err }));
  }

  /** When `refused` is a refusal that can pass, tries its settings again after `delayMs`. */
  private retryLater(refused: Current, delayMs: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.closed || refused.opening.state !== 'refused' || !refused.opening.retries) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      let retired: Promise<void> = Promise.resolve();
      const attempt = this.switching.then(async () => {
        // A switch by the person, or quitting, came first: that decides.
        if (this.closed || this.current !== refused) return;
        // A retry logs a refusal only when its reason changed (a day away is not thousands of lines).
        const said = refused.opening.state === 'refused' ? refused.opening.error.message : null;
        const opened = await openLibrary(this.deps, refused.settings, said);
        if (this.closed || opened.opening.state === 'open' || opened.opening.state === 'local') {
          retired = this.closed ? this.retire(opened) : this.install(opened);
          return;
        }
        // Still refused: the channels say the newest reason; the results keep going to the outbox.
        refused.opening = opened.opening;
        refused.handlers = opened.handlers;
        this.retryLater(refused, Math.min(delayMs * 2, RETRY_MOST_MS));
      });
      this.switching = attempt.then(
        () => retired,
        (err: unknown) => this.deps.logger.error('team library not tried again', { error: err }),
      );
    }, delayMs);
    // Waiting to try again never keeps a process (a CLI command, a test) alive.
    this.retryTimer.unref();
  }

  /** Stops an old library's feed at once; closes its store once the results being written have landed. */
  private async retire(old: Current): Promise<void> {
    old.stopForwarding();
    await Promise.all([...old.writing]);
    await old.drained;
    await old.offline?.close();
    if (old.opening.state === 'open') await old.opening.store.close();
  }
}

/**
 * Opens the library `settings` name, with its channels, its results store and its live feed.
 * `said`: the refusal already logged for these settings (not logged again).
 */
async function openLibrary(deps: LibrarySwitchDeps, settings: Settings, said: string | null = null): Promise<Current> {
  // Set once the team library is open; its trouble reports (dropped connections) wake the watch.
  let offline: TeamOffline | null = null;
  const opening = await openTeamFromSettings({
    ...deps,
    settings,
    onTrouble: (message) => {
      deps.onTrouble(message);
      void offline?.reach.suspect(message);
    },
  });
  if (opening.state === 'refused' && opening.error.message !== said)
    deps.logger.error('team library refused', { error: opening.error.message });
  const base = { opening, key: libraryKey(settings), settings, writing: new Set<Promise<unknown>>() };
  const local = libraryResults(deps.library);
  if (opening.state === 'local')
    return {
      ...base,
      handlers: deps.local,
      results: local,
      stopForwarding: () => undefined,
      drained: Promise.resolve(),
      offline: null,
      thumbnails: null,
    };
  if (opening.state === 'refused')
    return {
      ...base,
      handlers: createRefusedLibraryHandlers(opening.error, deps.local),
      results: outboxResults(local, deps.home),
      stopForwarding: () => undefined,
      drained: Promise.resolve(),
      offline: null,
      thumbnails: null,
    };
  const { store, folder, libraryId } = opening;
  const { bus, logger, library, db, home, now } = deps;
  // Other workstations' changes (and this one's) reach the page as `library:changed`.
  const stopForwarding = await forwardChanges(store, bus);
  // A team library lost after opening: noticed, said, results to the outbox, drained when back.
  offline = startTeamOffline({ store, folder, library, db, home, bus, logger, now });
  // Images made while the team library could not be opened move in now (idempotent, in the background).
  const drained = offline.drain().catch((err: unknown) => logger.error('team outbox not moved in', { error: err }));
  return {
    ...base,
    handlers: offline.handlers(createTeamLibraryHandlers(store, deps.local, deps.teamHandlers)),
    results: offline.results,
    stopForwarding,
    drained,
    offline,
    thumbnails: new TeamThumbnails({ getGeneration: (id) => store.getGeneration(id), libraryId, folder, home, logger }),
  };
}
