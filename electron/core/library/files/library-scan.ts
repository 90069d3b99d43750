/**
 * What is on disk: every image file under `images/` and `trash/images/`, keyed by its home
 * location, with size and modification time (how reconcile spots a file changed elsewhere).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { walkImages } from './file-walk';
import { homeOf } from '../maintenance/index-file';
import { relativePath } from './library-paths';

export interface FileOnDisk {
  /** Where the file is, relative to the library folder. */
  location: string;
  home: string;
  trashed: boolean;
  size: number;
  mtimeMs: number;
}

export async function scanLibraryFiles(libraryHome: string, signal: AbortSignal): Promise<Map<string, FileOnDisk>> {
  const found = new Map<string, FileOnDisk>();
  for (const root of ['images', 'trash/images']) {
    for await (const file of walkImages(path.join(libraryHome, root))) {
      if (signal.aborted) return found;
      const facts = await stat(file).catch(() => null);
      if (!facts) continue;
      const location = relativePath(libraryHome, file);
      const { home, trashed } = homeOf(location);
      // The same image both at home and in the trash: the home copy wins, the trash copy waits.
      if (found.has(home) && trashed) continue;
      found.set(home, { location, home, trashed, size: facts.size, mtimeMs: facts.mtimeMs });
    }
  }
  return found;
}

/** Thumbnail file names present (`<id>.webp`), live and trashed. */
export async function scanThumbnails(libraryHome: string): Promise<{ live: Set<string>; trashed: Set<string> }> {
  const list = async (dir: string) =>
    new Set(
      (await readdir(path.join(libraryHome, dir)).catch(() => [] as string[])).filter((name) => name.endsWith('.webp')),
    );
  return { live: await list('thumbs'), trashed: await list('trash/thumbs') };
}
