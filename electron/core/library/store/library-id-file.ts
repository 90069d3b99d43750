/**
 * The library id in a library's folder: a small text file, `seedbank-library-id`, holding the id
 * the library was given when it was made. A team library keeps the same id in its database, so
 * a workstation can tell that a shared folder and a database belong together before it writes a
 * file into one that indexes elsewhere. Written once, atomically (temp name, fsync, rename), so a
 * reader on a network share never sees half an id.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SeedbankError } from '../../../../shared/errors';
import { writeFileAtomic } from '../../metadata/atomic-write';

export const LIBRARY_ID_FILE = 'seedbank-library-id';

const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newLibraryId(): string {
  return randomUUID();
}

/** The id in the folder, or null when there is none; a file that holds something else is refused. */
export async function readLibraryIdFile(folder: string): Promise<string | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(folder, LIBRARY_ID_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const id = text.trim();
  if (!ID_SHAPE.test(id))
    throw new SeedbankError(
      'INVALID_INPUT',
      `${path.join(folder, LIBRARY_ID_FILE)} does not hold a library id; restore it from a backup or remove it`,
      'folder',
    );
  return id;
}

/** Writes the id file atomically (a temp name in the same folder, fsynced, renamed into place). */
export async function writeLibraryIdFile(folder: string, id: string): Promise<void> {
  if (!ID_SHAPE.test(id)) throw new SeedbankError('INVALID_INPUT', 'not a library id', 'libraryId');
  await fs.mkdir(folder, { recursive: true });
  await writeFileAtomic(path.join(folder, LIBRARY_ID_FILE), `${id}\n`);
}

/** The folder's id, made and written on first use (the embedded library's own folder). */
export async function ensureLibraryIdFile(folder: string): Promise<string> {
  const existing = await readLibraryIdFile(folder);
  if (existing !== null) return existing;
  const id = newLibraryId();
  await writeLibraryIdFile(folder, id);
  return id;
}
