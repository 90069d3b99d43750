/**
 * What is on disk in the watched folders: every image file (by extension, hidden files and
 * links skipped, as in the library folder), keyed by its location, with size and modification
 * time — the same facts reconcile compares for `images/`, so a start-up rescan reads only the
 * files that are new or changed.
 */
import { stat } from 'node:fs/promises';
import type { StoredWatchedFolder } from '../../settings/watch-list';
import { walkImages } from '../files/file-walk';
import { scanLibraryFiles, type FileOnDisk } from '../files/library-scan';
import { watchedLocation } from './watched-paths';

/** The facts of one watched file, or null when it is not an image the index may hold. */
export async function watchedFileOnDisk(folder: StoredWatchedFolder, file: string): Promise<FileOnDisk | null> {
  const location = watchedLocation(folder, file);
  if (!location) return null;
  const facts = await stat(file).catch(() => null);
  if (!facts?.isFile()) return null;
  return { location, home: location, trashed: false, size: facts.size, mtimeMs: facts.mtimeMs };
}

export async function scanWatchedFiles(
  folders: readonly StoredWatchedFolder[],
  signal: AbortSignal,
): Promise<Map<string, FileOnDisk>> {
  const found = new Map<string, FileOnDisk>();
  for (const folder of folders) {
    for await (const file of walkImages(folder.path)) {
      if (signal.aborted) return found;
      const onDisk = await watchedFileOnDisk(folder, file);
      if (onDisk) found.set(onDisk.location, onDisk);
    }
  }
  return found;
}

/** The library folder's images and the watched folders' images, one map keyed by location. */
export async function scanAllImageFiles(
  libraryHome: string,
  folders: readonly StoredWatchedFolder[],
  signal: AbortSignal,
): Promise<Map<string, FileOnDisk>> {
  const found = await scanLibraryFiles(libraryHome, signal);
  for (const [location, file] of await scanWatchedFiles(folders, signal)) found.set(location, file);
  return found;
}
