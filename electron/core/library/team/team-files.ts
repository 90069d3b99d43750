/**
 * Files in the shared folder. A network file system (SMB, NFS) may show a half-written file to
 * another workstation, or keep one after a crash: every file is written under a temp name in its
 * own folder, fsynced, then renamed into place, so a reader sees the whole file or none.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { absolutePath } from '../files/library-paths';

/** Writes `bytes` at `relative` in the folder, atomically. */
export async function writeSharedFile(folder: string, relative: string, bytes: Uint8Array): Promise<void> {
  const target = absolutePath(folder, relative);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** The file's size, or null when there is none. */
export async function sharedFileSize(folder: string, relative: string): Promise<number | null> {
  try {
    return (await fs.stat(absolutePath(folder, relative))).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
