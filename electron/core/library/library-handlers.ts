/**
 * The contract's `library:*`, `projects:*` and `inputs:add` channels, answered by the Library.
 * Payloads arrive validated (and defaulted) by the dispatcher; this layer only decodes base64
 * and shapes answers.
 */
import type { Handlers } from '../../../shared/api';
import { SeedbankError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { FolderAccess } from '../folder-access';
import type { Library } from './library';
import { inputAlpha } from './files/input-alpha';

export type LibraryChannel =
  | 'inputs:add'
  | 'inputs:fromLibrary'
  | 'inputs:get'
  | 'inputs:alpha'
  | 'library:list'
  | 'library:count'
  | 'library:get'
  | 'library:records'
  | 'library:favorite'
  | 'library:rate'
  | 'library:tag'
  | 'library:move'
  | 'library:trash'
  | 'library:restore'
  | 'library:emptyTrash'
  | 'library:export'
  | 'library:reveal'
  | 'library:inspectFile'
  | 'library:reconcile'
  | 'library:rebuild'
  | 'library:import'
  | 'library:cancelTask'
  | 'library:pauseTask'
  | 'library:tags'
  | 'library:spend'
  | 'projects:list'
  | 'projects:create'
  | 'projects:rename'
  | 'projects:delete';

/** Strict base64 (an optional `data:…;base64,` prefix allowed): garbage is refused, not half-decoded. */
export function decodeBase64(text: string, field = 'dataBase64'): Uint8Array {
  const body = text.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) {
    throw new SeedbankError('INVALID_INPUT', 'The file data is not valid base64', field);
  }
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export function createLibraryHandlers(
  library: Library,
  _ctx: CoreContext,
  folders: FolderAccess,
): Pick<Handlers, LibraryChannel> {
  return {
    'inputs:add': ({ dataBase64 }) => library.addInput(decodeBase64(dataBase64)),
    'inputs:fromLibrary': ({ id }) => library.addInputFromGeneration(id),
    'inputs:get': ({ hashes }) => library.getInputs(hashes),
    'inputs:alpha': async ({ hash }) => inputAlpha(await library.readInput(hash)),

    'library:list': (args) => library.list(args),
    'library:count': ({ filter }) => ({ total: library.count(filter) }),
    'library:get': ({ id }) => library.getDetail(id),
    'library:records': ({ ids }) => library.records(ids),
    'library:favorite': ({ ids, favorite }) => ({ updated: library.favorite(ids, favorite) }),
    'library:rate': ({ ids, rating }) => ({ updated: library.rate(ids, rating) }),
    'library:tag': ({ ids, add, remove }) => ({ updated: library.tag(ids, add, remove) }),
    'library:move': ({ ids, projectId }) => ({ updated: library.move(ids, projectId) }),
    'library:trash': async ({ ids }) => ({ trashed: await library.trash(ids) }),
    'library:restore': async ({ ids }) => ({ restored: await library.restore(ids) }),
    'library:emptyTrash': async () => ({ deleted: await library.emptyTrash() }),
    'library:export': async (selection) =>
      library.export({ ...selection, destination: await folders.resolve(selection.destination, 'destination') }),
    'library:reveal': ({ id }) => ({ path: library.revealPath(id) }),
    'library:inspectFile': ({ dataBase64 }) => ({ record: library.inspectFile(decodeBase64(dataBase64)) }),
    'library:reconcile': () => library.reconcile(),
    'library:rebuild': () => library.rebuild(),
    'library:import': async ({ directory }) => library.import(await folders.resolve(directory, 'directory')),
    'library:cancelTask': ({ taskId }) => ({ cancelled: library.cancelTask(taskId) }),
    'library:pauseTask': ({ taskId, paused }) => ({ found: library.pauseTask(taskId, paused), paused }),
    'library:tags': () => library.tagCounts(),
    'library:spend': () => library.spend(),

    'projects:list': () => library.projects.list(),
    'projects:create': ({ name }) => library.projects.create(name),
    'projects:rename': ({ id, name }) => library.projects.rename(id, name),
    'projects:delete': ({ id, images }) => library.projects.delete(id, images),
  };
}
