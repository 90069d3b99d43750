/**
 * A write killed half-way (power cut, SIGKILL, crash) leaves its hidden temporary file beside the
 * target for good: scans skip dotfiles, so nothing else would ever look at it. The start-up pass
 * removes those older than a minute from the folders Seedbank writes into; a younger one may
 * belong to a write still running in another process (the app and the CLI share the library).
 * Only names the writers make are touched (`isWriteTempName`), only regular files, and links are
 * never followed into other folders.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logging/logger';
import { isWriteTempName } from '../../metadata/atomic-write';

/** Old enough that no live write can still own it: a write takes a few seconds at most. */
export const TEMP_LEFTOVER_AGE_MS = 60_000;

/** Where images, thumbnails and inputs are written (and moved to by the trash). */
const WRITTEN_FOLDERS = ['images', 'thumbs', 'inputs', 'trash'];

async function* tempFilesUnder(dir: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tempFilesUnder(full);
    else if (entry.isFile() && isWriteTempName(entry.name)) yield full;
  }
}

/** Removes stale write leftovers; returns how many went. */
export async function removeTempLeftovers(
  libraryHome: string,
  now: Date,
  logger: Logger,
  signal: AbortSignal,
): Promise<number> {
  let removed = 0;
  for (const folder of WRITTEN_FOLDERS) {
    for await (const file of tempFilesUnder(path.join(libraryHome, folder))) {
      if (signal.aborted) return removed;
      const facts = await lstat(file).catch(() => null);
      if (!facts?.isFile() || now.getTime() - facts.mtimeMs < TEMP_LEFTOVER_AGE_MS) continue;
      try {
        await unlink(file);
        removed++;
      } catch (err) {
        logger.warn('could not remove a write leftover', {
          file: path.relative(libraryHome, file),
          error: String(err),
        });
      }
    }
  }
  if (removed > 0) logger.info('removed write leftovers', { count: removed });
  return removed;
}
