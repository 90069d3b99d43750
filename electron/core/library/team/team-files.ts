/**
 * Files in the shared folder. A network file system (SMB, NFS) may show a half-written file to
 * another workstation: every file is written through `writeFileAtomic` (a temp name in its own
 * folder, fsync, rename, fsync of the folder), so a reader sees the whole file or none.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../metadata/atomic-write';
import { absolutePath } from '../files/library-paths';
import { LIBRARY_ID_FILE } from '../store/library-id-file';

/**
 * Writes `bytes` at `relative` in the folder, atomically. The folder must still carry its library
 * id file: a share that is no longer mounted leaves an empty (or missing) mount point, and making
 * the image's folders there would put the file on this computer's disk under a row the other
 * workstations cannot open. Refused, the caller keeps the image (the outbox, team-offline.ts).
 */
export async function writeSharedFile(folder: string, relative: string, bytes: Uint8Array): Promise<void> {
  try {
    await fs.access(path.join(folder, LIBRARY_ID_FILE));
  } catch (err) {
    throw new Error(`The shared folder ${folder} cannot be reached (${(err as Error).message})`, { cause: err });
  }
  const target = absolutePath(folder, relative);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await writeFileAtomic(target, bytes);
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
