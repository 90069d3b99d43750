/**
 * The token-guarded asset route, `/asset/<token>/<path inside the library folder>`: the browser's
 * counterpart of Electron's `seedbank-asset://`. Which file a request gets, if any, is the core's
 * served-files rule (`core/served-files/`), the same one the app and drag-out use; this route
 * only streams the answer.
 */
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import {
  SERVED_FILE_HEADERS,
  libraryServedFolders,
  refusalText,
  resolveServedUrlPath,
  type TeamServedRoot,
  type WatchedRoot,
} from '../core/served-files/served-files';

/**
 * `rawRelative` is the path after `/asset/<token>/`, still percent-encoded. `prepare` runs first
 * (the library makes a thumbnail not made yet: `Library.thumbnailOnDemand`, or a team library's).
 * `team`: the team library in use, served read-only under `team/<library id>/`.
 */
export async function serveAsset(
  res: ServerResponse,
  libraryRoot: string,
  rawRelative: string,
  watched: readonly WatchedRoot[] = [],
  prepare?: (rawRelative: string) => Promise<void>,
  team: TeamServedRoot | null = null,
): Promise<void> {
  await prepare?.(rawRelative);
  const answer = await resolveServedUrlPath(libraryServedFolders(libraryRoot, watched, team), rawRelative);
  if (answer.status !== 200) {
    res.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(refusalText(answer.status));
    return;
  }
  res.writeHead(200, {
    'Content-Type': answer.contentType,
    'Content-Length': String(answer.size),
    ...SERVED_FILE_HEADERS,
  });
  fs.createReadStream(answer.file)
    .on('error', () => res.destroy())
    .pipe(res);
}
