/**
 * The OS trash for front doors without Electron's `shell.trashItem` (the CLI, the web host):
 * the `trash` package, loaded on first use so the app never pays for it.
 */
import type { MoveToOsTrash } from './trash';

export const moveToOsTrashWithPackage: MoveToOsTrash = async (absolutePath) => {
  const { default: trash } = await import('trash');
  await trash(absolutePath, { glob: false });
};
