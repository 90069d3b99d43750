/**
 * The library channels when the team library is chosen (Settings → Library → Team). The library's
 * own operations go through the team `LibraryStore`; what belongs to this workstation stays here
 * (its reference images, its jobs' spend, its long tasks); what a team library cannot do from
 * the app is refused with why and what to do instead — never a crash, and never this computer's
 * library in disguise. When the team library could not be opened, every library channel answers
 * why (the schema versions, the unreachable server, the wrong folder), so the app is never half
 * connected.
 */
import { readFile } from 'node:fs/promises';
import type { Handlers } from '../../../../shared/api';
import { SeedbankError } from '../../../../shared/errors';
import { libraryReload } from '../../../../shared/library-reload';
import type { CoreContext } from '../../context';
import type { FolderAccess } from '../../folder-access';
import { getInputRow, inputHashesMadeFrom, toInputImage } from '../files/inputs';
import type { Library } from '../library';
import type { Generation } from '../../../../shared/types';
import type { LibraryChannel } from '../library-handlers';
import { exportFrom } from '../maintenance/export';
import type { LocalInputs } from './team-detail';
import type { TeamLibraryStore } from './team-store';

type LibraryHandlers = Pick<Handlers, LibraryChannel>;

/** What the team channels use of this workstation: its library (reference images, tasks), context and folders. */
export interface TeamHandlerDeps {
  library: Library;
  ctx: CoreContext;
  folders: FolderAccess;
}

/**
 * Served by this workstation, whatever the library: reference images are its own files (jobs
 * stay per workstation); `library:inspectFile` reads bytes the page hands over; the long tasks
 * (an export) run in its task list; and `library:spend` is what this workstation's jobs were
 * charged — the spend ledger is written by the job runner, per workstation and per API key, and
 * the team database keeps none (docs/team-library.md).
 */
const LOCAL_CHANNELS = new Set<LibraryChannel>([
  'inputs:add',
  'inputs:get',
  'inputs:alpha',
  'library:inspectFile',
  'library:cancelTask',
  'library:pauseTask',
  'library:spend',
]);

/** Channels a team library refuses from the app, with why and what to do instead. */
export const TEAM_REFUSALS: Partial<Record<LibraryChannel, string>> = {
  'library:emptyTrash':
    'The team trash is everyone’s: empty it with `seedbank library empty-trash`, which asks first — not from the app',
  'library:import':
    'Import into this computer’s library (Settings → Library → This computer), then copy it into the team library with `seedbank library push`',
  'library:rebuild':
    'A team library’s index lives on its PostgreSQL server: restore it from the server’s backup (`pg_restore`, README → Team library → Backup) rather than rebuilding it from one workstation',
};

export function notInTeamLibrary(channel: string): SeedbankError {
  const why = TEAM_REFUSALS[channel as LibraryChannel];
  return new SeedbankError(
    'INVALID_INPUT',
    why ? `${channel} is not available in a team library: ${why}` : `${channel} is not available in a team library yet`,
    'library',
  );
}

/** Every channel `local` answers (all the library channels), answered by `answer` instead. */
function answerAll(local: LibraryHandlers, answer: (channel: string) => never): LibraryHandlers {
  return Object.fromEntries(
    Object.keys(local).map((channel) => [channel, () => answer(channel)]),
  ) as unknown as LibraryHandlers;
}

function notFound(id: string): SeedbankError {
  return new SeedbankError('NOT_FOUND', `No image ${id} in the team library`, 'id');
}

/** This workstation's reference images, as the team detail links references with them. */
function localInputs(ctx: CoreContext): LocalInputs {
  return {
    find: (hash) => {
      const row = getInputRow(ctx.db, hash);
      return row ? { image: toInputImage(row, ctx.assetUrl), generationId: row.generation_id } : null;
    },
    madeFrom: (generationId) => inputHashesMadeFrom(ctx.db, generationId),
  };
}

/** The team library's answers; `local` serves the channels that stay on this workstation. */
export function createTeamLibraryHandlers(
  store: TeamLibraryStore,
  local: LibraryHandlers,
  deps: TeamHandlerDeps,
): LibraryHandlers {
  const { library, ctx, folders } = deps;
  const refuse = answerAll(local, (channel) => {
    throw notInTeamLibrary(channel);
  });
  const kept = Object.fromEntries([...LOCAL_CHANNELS].map((channel) => [channel, local[channel]]));
  /** Project lists and counts change with projects, moves and the trash (this workstation's page hears it). */
  const projectsChanged = async () => {
    ctx.bus.emit('projects:changed', { projects: (await store.listProjects()).projects });
  };
  const file = async (id: string) => {
    const path = await store.filePath(id);
    if (path === null) throw notFound(id);
    return path;
  };
  return {
    ...refuse,
    ...kept,
    'library:list': (args) => store.list(args),
    'library:count': async ({ filter }) => {
      const page = await store.list({ filter, sort: 'newest', cursor: null, limit: 1, count: true });
      return { total: page.total ?? 0 };
    },
    'library:get': async ({ id }) => {
      const detail = await store.getDetail(id, localInputs(ctx));
      if (!detail) throw notFound(id);
      return detail;
    },
    'library:records': async ({ ids }) =>
      (await Promise.all(ids.map((id) => store.getGeneration(id)))).filter((g): g is Generation => g !== null),
    'library:favorite': async ({ ids, favorite }) => ({ updated: (await store.favorite(ids, favorite)).length }),
    'library:rate': async ({ ids, rating }) => ({ updated: (await store.rate(ids, rating)).length }),
    'library:tag': async ({ ids, add, remove }) => ({ updated: (await store.tag(ids, add, remove)).length }),
    'library:move': async ({ ids, projectId }) => {
      const updated = (await store.move(ids, projectId)).length;
      await projectsChanged();
      return { updated };
    },
    'library:trash': async ({ ids }) => {
      const trashed = (await store.trash(ids)).length;
      await projectsChanged();
      return { trashed };
    },
    'library:restore': async ({ ids }) => {
      const restored = (await store.restore(ids)).length;
      await projectsChanged();
      return { restored };
    },
    'library:tags': () => store.tagCounts(),
    // The rows put right with the shared folder's files, in this workstation's task list.
    'library:reconcile': async () => {
      const result = await library.runTask('reconcile', (reporter) => store.reconcile(reporter, ctx.logger));
      ctx.bus.emit('library:changed', libraryReload());
      await projectsChanged();
      return result;
    },
    'library:reveal': async ({ id }) => ({ path: await file(id) }),
    'library:export': async (selection) => {
      const destination = await folders.resolve(selection.destination, 'destination');
      // The copies must say what the index says: the files catch up first.
      await store.flushWriteBack();
      return library.runTask('export', (reporter) =>
        exportFrom(
          store.exportSource(),
          { version: ctx.version, now: ctx.now, logger: ctx.logger },
          { ...selection, destination },
          reporter,
        ),
      );
    },
    // A team image as a reference: its bytes from the shared folder become this workstation's input.
    'inputs:fromLibrary': async ({ id }) => {
      const generation = await store.getGeneration(id);
      if (!generation || generation.missing) throw notFound(id);
      const input = await library.addInput(new Uint8Array(await readFile(await file(id))));
      await store.noteInput(input, id);
      return input;
    },

    'projects:list': () => store.listProjects(),
    'projects:create': async ({ name }) => {
      const project = await store.createProject(name);
      await projectsChanged();
      return project;
    },
    'projects:rename': async ({ id, name }) => {
      const project = await store.renameProject(id, name);
      await projectsChanged();
      return project;
    },
    'projects:delete': async ({ id, images }) => {
      const outcome = await store.deleteProject(id, images);
      await projectsChanged();
      return outcome;
    },
  };
}

/** The team library was chosen but could not be opened: every library channel says why. */
export function createRefusedLibraryHandlers(reason: SeedbankError, local: LibraryHandlers): LibraryHandlers {
  return answerAll(local, () => {
    throw reason;
  });
}
