/**
 * Where a watched folder's image sits, as a row's `file`: `watched/<folder id>/<path inside the
 * folder>`, with forward slashes. The location keeps to the served-files path grammar (a file
 * whose name breaks it — a colon, a control character, a Windows device name — is not indexed,
 * since no page could be shown it), and it resolves only against the folders on the watch list:
 * a row of a folder no longer watched resolves to nothing.
 */
import path from 'node:path';
import { SeedbankError } from '../../../../shared/errors';
import { segmentsOfRelativePath } from '../../served-files/path-grammar';
import type { StoredWatchedFolder } from '../../settings/watch-list';
import { absolutePath } from '../files/library-paths';

export const WATCHED_TOP = 'watched';

/** The location of `file` (absolute, inside `folder`), or null when its name breaks the grammar. */
export function watchedLocation(folder: StoredWatchedFolder, file: string): string | null {
  const inside = path.relative(folder.path, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  const location = [WATCHED_TOP, folder.id, ...inside.split(path.sep)].join('/');
  return segmentsOfRelativePath(location) ? location : null;
}

export function isWatchedLocation(location: string): boolean {
  return location.startsWith(`${WATCHED_TOP}/`);
}

/** `watched/<id>/` — every location of the folder starts with it (for range queries). */
export function watchedPrefix(folderId: string): string {
  return `${WATCHED_TOP}/${folderId}/`;
}

/** The absolute path of a watched location; NOT_FOUND when its folder is not on the list. */
export function resolveWatchedLocation(folders: readonly StoredWatchedFolder[], location: string): string {
  const segments = segmentsOfRelativePath(location);
  const folder = segments && segments[0] === WATCHED_TOP ? folders.find((f) => f.id === segments[1]) : undefined;
  if (!segments || segments.length < 3 || !folder) {
    throw new SeedbankError('NOT_FOUND', 'That image’s folder is no longer watched');
  }
  return path.join(folder.path, ...segments.slice(2));
}

/** Any row's file: a watched location, or a path inside the library folder. */
export function resolveImageFile(home: string, folders: readonly StoredWatchedFolder[], location: string): string {
  return isWatchedLocation(location) ? resolveWatchedLocation(folders, location) : absolutePath(home, location);
}
