/**
 * The contract's `dialog:chooseFolder`: the person picks a folder in the OS dialog, shown by
 * main; the page receives only an opaque handle (and the folder's name, to show), which the
 * core's handle map turns back into the path for `library:import` / `library:export`. So a
 * compromised page can use only folders the person chose, never name one itself.
 */
import path from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { Handlers } from '../shared/api';
import type { FolderHandles } from './core/folder-access';

export interface FolderDialogDeps {
  dialog: Pick<Dialog, 'showOpenDialog'>;
  folders: FolderHandles;
  window: () => BrowserWindow | null;
}

const TITLES = {
  import: 'Import images from folder',
  export: 'Export to folder',
  watch: 'Watch a folder',
  team: 'The team library’s shared folder',
} as const;

export function createFolderDialogHandler(deps: FolderDialogDeps): Handlers['dialog:chooseFolder'] {
  return async ({ purpose }) => {
    const options: OpenDialogOptions = {
      title: TITLES[purpose],
      properties: purpose === 'export' ? ['openDirectory', 'createDirectory'] : ['openDirectory'],
    };
    const win = deps.window();
    const chosen = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
    const folder = chosen.canceled ? undefined : chosen.filePaths[0];
    if (!folder) return { handle: null, name: null };
    return { handle: deps.folders.register(folder), name: path.basename(folder) || folder };
  };
}
