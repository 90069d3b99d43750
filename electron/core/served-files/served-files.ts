/**
 * Which files a page may read, and the answer for each request. Every front door that hands a
 * library file out goes through here: `seedbank-asset://` in the app, the web host's
 * `/asset/<token>/…` route and drag-out; the app's `seedbank-app://` uses the same rule for the
 * built renderer. A request names a file by a path; it is served only when
 *   1. the path keeps to the grammar (`path-grammar.ts`),
 *   2. it starts with the mount of a served folder and names something inside it,
 *   3. after every symlink is followed, the REAL path is still inside the real path of a served
 *      folder (a link in `images/` to `../library.db`, or a folder link `images/l -> ..`, leads
 *      out and is refused; a link from `thumbs/` to an image in `images/` stays in and is
 *      followed), and
 *   4. it is a regular file, and
 *   5. under a watched folder (`watched/<id>/…`, read-only like every root), it is a JPEG, PNG
 *      or WebP by name: the person's other files there are never served, and
 *   6. under a team library's mount (`team/<library id>/…`, read-only), it also keeps to the
 *      library's layout: `images/<yyyy-mm>/<name>` (and the same under `trash/`) from the shared
 *      folder, `thumbs/<id>.webp` (and `trash/thumbs/…`) from this workstation's thumbnail cache.
 *      The share is the whole studio's: the library id file, temp files and anything a person
 *      put there are never served.
 * A refusal is 403; a path that is allowed but names nothing (a missing file, a folder, a
 * dangling link) is 404. Refusals carry no path, so an answer never tells a page where the
 * library lives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isSeedbankId } from '../ids';
import { contentTypeFor } from './content-types';
import { segmentsOfRelativePath, segmentsOfUrlPath } from './path-grammar';

/**
 * A folder whose files may be read, reached under `mount` (the leading segments of a request).
 * Read-only: nothing here writes. More roots (e.g. watched folders) are more entries in the list.
 */
export interface ServedFolder {
  mount: readonly string[];
  dir: string;
  /** Serve only JPEG, PNG and WebP files (a watched folder may hold anything else of the person's). */
  imagesOnly?: boolean;
  /** The segments under the mount must keep to this layout (a team library's shared folder). */
  layout?: (rest: readonly string[]) => boolean;
}

/**
 * The library's media folders. The database, settings, logs and `tmp/` sit beside them in the
 * same folder and are never served. `trash` holds `trash/images` and `trash/thumbs`, which the
 * Trash view shows.
 */
export const SERVED_LIBRARY_FOLDERS = ['images', 'thumbs', 'inputs', 'trash'] as const;

/** A watched folder as the library knows it: served under `watched/<id>/`, read-only, images only. */
export interface WatchedRoot {
  id: string;
  path: string;
}

/**
 * The team library in use: its shared folder (images and trash) and this workstation's cache of
 * its thumbnails, served read-only under `team/<libraryId>/`, so two team libraries never share
 * a URL (nor a cached thumbnail) and the page's URLs keep the shape of this computer's.
 */
export interface TeamServedRoot {
  /** The library id kept in the database and the folder (a UUID). */
  libraryId: string;
  /** The shared folder. */
  folder: string;
  /** This workstation's thumbnail cache for this library (teamThumbnailCache in paths.ts). */
  thumbs: string;
}

/** The path a page asks for a team library's file (`images/…`, `thumbs/<id>.webp`, `trash/…`). */
export function teamServedPath(libraryId: string, relativePath: string): string {
  return `team/${libraryId}/${relativePath}`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** `<yyyy-mm>/<file>`: a generation's home (its file name is checked as an image by `imagesOnly`). */
const monthFile = (rest: readonly string[]) => rest.length === 2 && MONTH.test(rest[0] ?? '');
/** `<id>.webp`: a thumbnail, named by the generation's id. */
const thumbFile = (rest: readonly string[]) =>
  rest.length === 1 && (rest[0] ?? '').endsWith('.webp') && isSeedbankId((rest[0] ?? '').slice(0, -'.webp'.length));

function teamServedFolders(team: TeamServedRoot): ServedFolder[] {
  const at = (...names: string[]) => ['team', team.libraryId, ...names];
  return [
    { mount: at('images'), dir: path.join(team.folder, 'images'), imagesOnly: true, layout: monthFile },
    {
      mount: at('trash', 'images'),
      dir: path.join(team.folder, 'trash', 'images'),
      imagesOnly: true,
      layout: monthFile,
    },
    // One cached thumbnail per image whether it is in the trash or not: the picture is the same.
    { mount: at('thumbs'), dir: team.thumbs, imagesOnly: true, layout: thumbFile },
    { mount: at('trash', 'thumbs'), dir: team.thumbs, imagesOnly: true, layout: thumbFile },
  ];
}

export function libraryServedFolders(
  libraryHome: string,
  watched: readonly WatchedRoot[] = [],
  team: TeamServedRoot | null = null,
): ServedFolder[] {
  return [
    ...SERVED_LIBRARY_FOLDERS.map((name) => ({ mount: [name], dir: path.join(libraryHome, name) })),
    ...watched.map((root) => ({ mount: ['watched', root.id], dir: root.path, imagesOnly: true })),
    ...(team ? teamServedFolders(team) : []),
  ];
}

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export type ServedAnswer = { status: 200; file: string; size: number; contentType: string } | { status: 403 | 404 };

const FORBIDDEN = { status: 403 } as const;
const NOT_FOUND = { status: 404 } as const;

/** Headers for every served file: never sniffed; cacheable, since a file's name changes with its content. */
export const SERVED_FILE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'private, max-age=31536000, immutable',
  'X-Content-Type-Options': 'nosniff',
};

/** The body of a refusal: a word, never a path. */
export function refusalText(status: 403 | 404): string {
  return status === 403 ? 'Forbidden' : 'Not found';
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function mountedAt(folder: ServedFolder, segments: readonly string[]): boolean {
  return segments.length > folder.mount.length && folder.mount.every((name, index) => segments[index] === name);
}

async function realDirs(folders: readonly ServedFolder[]): Promise<string[]> {
  const dirs = await Promise.all(folders.map((folder) => fs.promises.realpath(folder.dir).catch(() => null)));
  return dirs.filter((dir): dir is string => dir !== null);
}

/** Answers for segments already checked against the grammar. */
async function resolveSegments(
  folders: readonly ServedFolder[],
  segments: readonly string[] | null,
): Promise<ServedAnswer> {
  if (!segments) return FORBIDDEN;
  // The longest mount wins, so a watched folder mounted under another one is still its own root.
  const folder = folders
    .filter((candidate) => mountedAt(candidate, segments))
    .sort((a, b) => b.mount.length - a.mount.length)[0];
  if (!folder) return FORBIDDEN;
  if (folder.layout && !folder.layout(segments.slice(folder.mount.length))) return FORBIDDEN;
  const candidate = path.join(path.resolve(folder.dir), ...segments.slice(folder.mount.length));
  let real: string;
  try {
    real = await fs.promises.realpath(candidate);
  } catch {
    return NOT_FOUND;
  }
  if (!(await realDirs(folders)).some((dir) => isInside(dir, real))) return FORBIDDEN;
  // Both the name asked for and the file it leads to must be images where only images are served.
  const contentType = contentTypeFor(real);
  if (folder.imagesOnly && !(IMAGE_TYPES.has(contentTypeFor(candidate)) && IMAGE_TYPES.has(contentType)))
    return FORBIDDEN;
  const stat = await fs.promises.stat(real).catch(() => null);
  if (!stat?.isFile()) return NOT_FOUND;
  return { status: 200, file: real, size: stat.size, contentType };
}

/** A request's path (percent-encoded, no query, no leading slash) → the answer. */
export function resolveServedUrlPath(folders: readonly ServedFolder[], rawPath: string): Promise<ServedAnswer> {
  return resolveSegments(folders, segmentsOfUrlPath(rawPath));
}

/** A library-relative path as stored in a row (`images/2026-11/<id>.jpg`) → the answer. */
export function resolveServedRelativePath(
  folders: readonly ServedFolder[],
  relativePath: string,
): Promise<ServedAnswer> {
  return resolveSegments(folders, segmentsOfRelativePath(relativePath));
}
