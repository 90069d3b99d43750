/**
 * The library channels of a team library, kept useful while it cannot be reached after start
 * (issue 17 item 5). Whatever serves them when connected (team-library-handlers.ts) still does;
 * around it:
 *
 * - `library:list`, `library:count` and `library:get` remember each team answer, and while the
 *   team library is away (or a call fails and the probe says it is away) answer from that recent
 *   cache (team-recent-cache.ts), marked `offline` so the page says it shows a cached view. The
 *   images made here meanwhile — in this computer's library, waiting in the outbox — lead the
 *   first page and open in the detail, so a person sees what they just made.
 * - every other channel that fails while away says so in words (the server or the folder is
 *   unreachable, Seedbank reconnects by itself), not with the driver's message.
 */
import type { GenerationDetail, Handlers, LibraryPage, OfflineView } from '../../../../shared/api';
import type { LibraryFilter } from '../query/gallery-filter';
import { SeedbankError } from '../../../../shared/errors';
import type { Library } from '../library';
import type { LibraryChannel } from '../library-handlers';
import type { ListArgs } from '../store/library-store';
import type { RecentTeamAnswers } from './team-recent-cache';
import type { TeamReach } from './team-reach';

type LibraryHandlers = Pick<Handlers, LibraryChannel>;

export interface OfflineDeps {
  reach: TeamReach;
  cache: RecentTeamAnswers;
  /** This computer's library, where the outbox's images are. */
  local: Library;
  /** The ids waiting in the outbox. */
  waiting: () => Promise<string[]>;
}

/** How many of this computer's newest matches are looked through for the outbox's images. */
const OUTBOX_LOOK = 500;

export function awayError(deps: Pick<OfflineDeps, 'reach'>): SeedbankError {
  const { since, reason } = deps.reach.status();
  return new SeedbankError(
    'NETWORK',
    `The team library cannot be reached since ${since} (${reason ?? 'no answer'}); Seedbank reconnects by itself — try again when it is back`,
    'library',
  );
}

function view(deps: OfflineDeps, seenAt: string | null): OfflineView {
  const { since, reason } = deps.reach.status();
  return { since, reason: reason ?? 'no answer', seenAt };
}

/** Live when connected, else (or when the live call finds the library away) the fallback. */
async function liveOr<T>(deps: OfflineDeps, live: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
  if (deps.reach.away) return fallback();
  try {
    return await live();
  } catch (err) {
    if (await deps.reach.lostOn(err)) return fallback();
    throw err;
  }
}

/** This computer's images waiting in the outbox that match `filter`, newest first. */
async function outboxMatches(deps: OfflineDeps, filter: LibraryFilter): Promise<LibraryPage['items']> {
  const waiting = new Set(await deps.waiting());
  if (waiting.size === 0) return [];
  const page = deps.local.list({ filter, sort: 'newest', cursor: null, limit: OUTBOX_LOOK, count: false });
  return page.items.filter((item) => waiting.has(item.id));
}

async function cachedPage(deps: OfflineDeps, args: ListArgs): Promise<LibraryPage> {
  const seen = deps.cache.page(args);
  const mine = args.cursor === null ? await outboxMatches(deps, args.filter) : [];
  const ids = new Set(mine.map((item) => item.id));
  const items = [...mine, ...(seen?.value.items ?? []).filter((item) => !ids.has(item.id))];
  const total =
    args.count === false ? null : (deps.cache.count(args.filter)?.value ?? seen?.value.total ?? mine.length);
  return {
    items,
    nextCursor: seen?.value.nextCursor ?? null,
    total,
    offline: view(deps, seen?.seenAt ?? null),
  };
}

async function cachedDetail(deps: OfflineDeps, id: string): Promise<GenerationDetail> {
  if ((await deps.waiting()).includes(id)) return { ...deps.local.getDetail(id), offline: view(deps, null) };
  const seen = deps.cache.detail(id);
  if (!seen)
    throw new SeedbankError(
      'NETWORK',
      `${awayError(deps).message}. This image was not opened recently, so it is not in this computer's cache`,
      'id',
    );
  return { ...seen.value, offline: view(deps, seen.seenAt) };
}

export function withOfflineAnswers(handlers: LibraryHandlers, deps: OfflineDeps): LibraryHandlers {
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([channel, handler]) => [
      channel,
      async (payload: unknown) => {
        try {
          return await (handler as (p: unknown) => unknown)(payload);
        } catch (err) {
          if (await deps.reach.lostOn(err)) throw awayError(deps);
          throw err;
        }
      },
    ]),
  ) as unknown as LibraryHandlers;
  return {
    ...wrapped,
    'library:list': (args) =>
      liveOr(
        deps,
        async () => {
          const page = await handlers['library:list'](args);
          deps.cache.rememberPage(args, page);
          if (page.total !== null && args.cursor === null) deps.cache.rememberCount(args.filter, page.total);
          return page;
        },
        () => cachedPage(deps, args),
      ),
    'library:count': (args) =>
      liveOr(
        deps,
        async () => {
          const counted = await handlers['library:count'](args);
          deps.cache.rememberCount(args.filter, counted.total);
          return counted;
        },
        async () => ({
          total: deps.cache.count(args.filter)?.value ?? (await outboxMatches(deps, args.filter)).length,
        }),
      ),
    'library:get': async (args) => {
      try {
        return await liveOr(
          deps,
          async () => {
            const detail = await handlers['library:get'](args);
            deps.cache.rememberDetail(detail);
            return detail;
          },
          () => cachedDetail(deps, args.id),
        );
      } catch (err) {
        // Connected, but the image is still in the outbox (its drain has not run yet): this computer has it.
        if (err instanceof SeedbankError && err.code === 'NOT_FOUND' && (await deps.waiting()).includes(args.id))
          return deps.local.getDetail(args.id);
        throw err;
      }
    },
  };
}
