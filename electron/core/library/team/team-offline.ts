/**
 * A team library lost after start, and found again (issue 17 item 5), put together for the core:
 *
 * - the watch (`TeamReach`): notices the server or the shared folder gone, says so on the bus
 *   (`library:teamStatus`) and in the diagnostics, asks again with backoff, says when it is back;
 * - results: a finished image goes to the team library; while it is away — or when writing it
 *   there fails — to this computer's library and the outbox instead, so it is never lost and the
 *   job never pauses for it (it is paid once: the job is done, nothing is asked of BFL again);
 * - the drain: when the library is back (no restart), the outbox moves in, idempotent by
 *   generation id (team-outbox.ts), and a drain cut short is simply run again;
 * - the channels: recent pages and details from the cache while away (team-offline-handlers.ts).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Handlers } from '../../../../shared/api';
import type { DiagnosticCheck } from '../../../../shared/diagnostics';
import { SeedbankError } from '../../../../shared/errors';
import type { EventBus } from '../../events';
import type { Logger } from '../../logging/logger';
import { libraryResults, type ResultStore } from '../../jobs/result-store';
import type { Library } from '../library';
import type { LibraryChannel } from '../library-handlers';
import { isReload } from '../store/library-store';
import { addTeamImage } from './team-add-image';
import { withOfflineAnswers } from './team-offline-handlers';
import { TeamOutbox } from './team-outbox';
import { TeamReach } from './team-reach';
import { RecentTeamAnswers } from './team-recent-cache';
import type { TeamLibraryStore } from './team-store';

export interface TeamOfflineDeps {
  store: TeamLibraryStore;
  folder: string;
  library: Library;
  db: DatabaseSync;
  /** The app-data folder (the personal library and the outbox file). */
  home: string;
  bus: EventBus;
  logger: Logger;
  now: () => Date;
  /** Timings of the watch (tests shorten nothing: the defaults already come back within seconds). */
  heartbeatMs?: number;
}

export interface TeamOffline {
  reach: TeamReach;
  outbox: TeamOutbox;
  results: ResultStore;
  handlers(library: Pick<Handlers, LibraryChannel>): Pick<Handlers, LibraryChannel>;
  diagnostics(): DiagnosticCheck;
  /** Drains the outbox now (at start; resolves with nothing left to do when it is empty). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export function startTeamOffline(deps: TeamOfflineDeps): TeamOffline {
  const { store, folder, logger } = deps;
  const drain = async (): Promise<void> => {
    const report = await outbox.drain({ db: deps.db, home: deps.home }, store, folder);
    if (report) logger.info('team outbox moved in', { ...report, skipped: report.skipped.length });
  };
  const reach = new TeamReach({
    probe: () => store.ping(),
    onStatus: (status) => deps.bus.emit('library:teamStatus', status),
    onBack: drain,
    onLog: (level, message, detail) => logger[level](message, detail),
    now: deps.now,
    folder,
    ...(deps.heartbeatMs !== undefined ? { heartbeatMs: deps.heartbeatMs } : {}),
  });
  const outbox = new TeamOutbox(deps.home, (waiting) => reach.setWaiting(waiting));
  const toOutbox = outbox.results(libraryResults(deps.library));
  const team: ResultStore = {
    addImage: (args) => addTeamImage({ store, folder, creatorTool: deps.library.creatorTool, now: deps.now }, args),
    has: async (id) => (await store.getGeneration(id)) !== null,
  };
  const results: ResultStore = {
    async addImage(args) {
      if (!reach.away) {
        try {
          return await team.addImage(args);
        } catch (err) {
          // Not an image at all: the local library would refuse it too, and the job says why.
          if (err instanceof SeedbankError && err.code === 'INVALID_INPUT') throw err;
          logger.warn('a result could not reach the team library; it waits in the outbox', {
            generation: args.record.id,
            error: err,
          });
          // Whatever failed, the image is safe here; the watch decides whether the library is away.
          void reach.suspect(err instanceof Error ? err.message : String(err));
        }
      }
      return toOutbox.addImage(args);
    },
    async has(id) {
      if (await toOutbox.has(id)) return true;
      if (reach.away) return false;
      try {
        return await team.has(id);
      } catch {
        // Unknown: the image is stored again, which both stores take as "keep the first copy".
        return false;
      }
    },
  };
  // The live feed's "reload" after it reconnects (team-live.ts): the server is back, ask now.
  let stopListening: (() => void) | null = null;
  void store
    .onChange((change) => {
      if (isReload(change)) void reach.check();
    })
    .then((stop) => (stopListening = stop))
    .catch(() => undefined);
  void outbox.ids().then((ids) => reach.setWaiting(ids.length));

  return {
    reach,
    outbox,
    results,
    handlers: (library) =>
      withOfflineAnswers(library, {
        reach,
        cache: new RecentTeamAnswers(deps.now),
        local: deps.library,
        waiting: () => outbox.ids(),
      }),
    diagnostics: () => reach.diagnostics(),
    drain: () =>
      drain().catch(async (err: unknown) => {
        logger.error('team outbox not moved in', { error: err });
        await reach.lostOn(err);
      }),
    async close() {
      stopListening?.();
      await reach.close();
      await outbox.idle();
    },
  };
}
