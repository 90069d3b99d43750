/**
 * The contract's `watched:*` channels. The folder to add comes through the front door's folder
 * rule (the dialog's handle in the app, a typed path under home or temp in the browser host),
 * like an import's folder, so a page can never name a folder of its own choosing.
 */
import type { Handlers } from '../../../../shared/api';
import type { FolderAccess } from '../../folder-access';
import type { Library } from '../library';

type WatchedChannel = 'watched:list' | 'watched:add' | 'watched:remove';

export function createWatchedHandlers(library: Library, folders: FolderAccess): Pick<Handlers, WatchedChannel> {
  return {
    'watched:list': () => library.watched.list(),
    'watched:add': async ({ folder }) => library.watched.add(await folders.resolve(folder, 'folder')),
    'watched:remove': async ({ id }) => ({ removed: await library.watched.remove(id) }),
  };
}
