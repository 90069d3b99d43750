import { describe, expect, it } from 'vitest';
import type { Dialog } from 'electron';
import { createFolderHandles } from './core/folder-access';
import { createFolderDialogHandler } from './folder-dialog';

function dialogAnswering(answer: { canceled: boolean; filePaths: string[] }): Pick<Dialog, 'showOpenDialog'> {
  return { showOpenDialog: () => Promise.resolve(answer) };
}

describe('the folder dialog', () => {
  it('gives the page a handle for the chosen folder, which only the core can turn back into the path', async () => {
    const folders = createFolderHandles();
    const choose = createFolderDialogHandler({
      dialog: dialogAnswering({ canceled: false, filePaths: ['/home/ana/Exports'] }),
      folders,
      window: () => null,
    });
    const answer = await choose({ purpose: 'export' });
    expect(answer.name).toBe('Exports');
    expect(answer.handle).toMatch(/^[0-9a-f]{32}$/);
    expect(await folders.resolve(answer.handle ?? '', 'destination')).toBe('/home/ana/Exports');
  });

  it('answers no handle when the person cancels', async () => {
    const choose = createFolderDialogHandler({
      dialog: dialogAnswering({ canceled: true, filePaths: [] }),
      folders: createFolderHandles(),
      window: () => null,
    });
    expect(await choose({ purpose: 'import' })).toEqual({ handle: null, name: null });
  });
});
