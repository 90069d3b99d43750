/**
 * The library channels when the team library is chosen (Settings → Library → Team). The gallery
 * channels go through the team `LibraryStore`; the channels the team store does not serve yet
 * answer an error naming the channel — never a crash, and never this computer's library in
 * disguise. When the team library could not be opened, every library channel answers why
 * (the schema versions, the unreachable server, the wrong folder), so the app is never half
 * connected.
 */
import type { Handlers } from '../../../../shared/api';
import { SeedbankError } from '../../../../shared/errors';
import type { Generation } from '../../../../shared/types';
import type { LibraryChannel } from '../library-handlers';
import type { TeamLibraryStore } from './team-store';

type LibraryHandlers = Pick<Handlers, LibraryChannel>;

/** Reference images are this workstation's own files (jobs stay per workstation). */
const LOCAL_CHANNELS = new Set<LibraryChannel>(['inputs:add', 'inputs:get', 'inputs:alpha']);

export function notInTeamLibrary(channel: string): SeedbankError {
  return new SeedbankError('INVALID_INPUT', `${channel} is not available in a team library yet`, 'library');
}

/** Every channel `local` answers (all the library channels), answered by `answer` instead. */
function answerAll(local: LibraryHandlers, answer: (channel: string) => never): LibraryHandlers {
  return Object.fromEntries(
    Object.keys(local).map((channel) => [channel, () => answer(channel)]),
  ) as unknown as LibraryHandlers;
}

/** The team library's answers; `local` serves the channels that stay on this workstation. */
export function createTeamLibraryHandlers(store: TeamLibraryStore, local: LibraryHandlers): LibraryHandlers {
  const refuse = answerAll(local, (channel) => {
    throw notInTeamLibrary(channel);
  });
  const kept = Object.fromEntries([...LOCAL_CHANNELS].map((channel) => [channel, local[channel]]));
  return {
    ...refuse,
    ...kept,
    'library:list': (args) => store.list(args),
    'library:count': async ({ filter }) => {
      const page = await store.list({ filter, sort: 'newest', cursor: null, limit: 1, count: true });
      return { total: page.total ?? 0 };
    },
    'library:get': async ({ id }) => {
      const generation = await store.getGeneration(id);
      if (!generation) throw new SeedbankError('NOT_FOUND', `No image ${id} in the team library`, 'id');
      // Lineage (references, used by, edit chain) is not kept in the team library yet.
      return { generation, references: [], usedBy: [], chain: [{ generation, shrunk: false }] };
    },
    'library:records': async ({ ids }) =>
      (await Promise.all(ids.map((id) => store.getGeneration(id)))).filter((g): g is Generation => g !== null),
    'library:favorite': async ({ ids, favorite }) => ({ updated: (await store.favorite(ids, favorite)).length }),
    'library:rate': async ({ ids, rating }) => ({ updated: (await store.rate(ids, rating)).length }),
    'library:tag': async ({ ids, add, remove }) => ({ updated: (await store.tag(ids, add, remove)).length }),
    'library:trash': async ({ ids }) => ({ trashed: (await store.trash(ids)).length }),
    'library:restore': async ({ ids }) => ({ restored: (await store.restore(ids)).length }),
  };
}

/** The team library was chosen but could not be opened: every library channel says why. */
export function createRefusedLibraryHandlers(reason: SeedbankError, local: LibraryHandlers): LibraryHandlers {
  return answerAll(local, () => {
    throw reason;
  });
}
