/**
 * Walks a folder for image files (JPEG, PNG, WebP by extension), skipping hidden files such as
 * the temporary files of an atomic write that is still in progress.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatFromExtension } from './library-paths';
import { giveWayToFrontDoor } from '../../runtime/front-door-priority';

export async function* walkImages(
  root: string,
  skip: (absDir: string) => boolean = () => false,
): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      if (!skip(full)) yield* walkImages(full, skip);
    } else if (entry.isFile() && formatFromExtension(entry.name) !== null) {
      yield full;
    }
  }
}

/**
 * Lets the event loop breathe between batches of synchronous SQLite work, and lets requests from
 * the front doors go first (front-door-priority.ts).
 */
export function yieldToEventLoop(): Promise<void> {
  return giveWayToFrontDoor();
}
