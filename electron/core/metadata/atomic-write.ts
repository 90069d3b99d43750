/**
 * Replaces a file so that a crash leaves either the old or the new content, never half of each:
 * write a temporary file in the same folder (a rename is only atomic within one file system),
 * fsync it, rename it over the target, then fsync the folder so the rename itself is durable.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * The temporary file of a write in progress: `.<name>.<random hex>.tmp` beside its target. Hidden,
 * so library scans skip it; a kill mid-write leaves it behind, and the library's start-up pass
 * removes those that `isWriteTempName` recognises (`temp-leftovers.ts`).
 */
export function writeTempPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

const WRITE_TEMP_NAME = /^\..+\.[0-9a-f]+\.tmp$/;

/** True for a file name `writeTempPath` makes (older versions used fewer hex digits). */
export function isWriteTempName(name: string): boolean {
  return WRITE_TEMP_NAME.test(name);
}

export interface AtomicWriteOptions {
  /**
   * False when the caller syncs the folder itself (syncFolder) before anything relies on the
   * new name: an import writing hundreds of files into one folder syncs it once per batch.
   */
  syncFolder?: boolean;
}

export async function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = path.dirname(target);
  const temp = writeTempPath(target);
  // Keep the permissions of the file being replaced; a new file gets the usual default.
  const mode = await stat(target).then(
    (s) => s.mode & 0o777,
    () => 0o666,
  );
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  if (options.syncFolder !== false) await syncFolder(dir);
}

/** Makes the names created or replaced in `dir` durable. */
export async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; there the rename is as durable as it gets.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
