/**
 * The token-guarded asset route, `/asset/<token>/<path inside the library folder>`: the browser's
 * counterpart of Electron's `seedbank-asset://`. It serves only regular files inside the library's
 * media folders; anything that could step outside (`..`, encoded dots or slashes, absolute paths,
 * symlinks leading out) is refused before the disk is touched, and again after resolving links.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentTypeFor } from './content-types';

/** Media only: the database, settings and logs sit in the same folder and are never served. */
export const SERVED_FOLDERS = ['images', 'thumbs', 'inputs', 'trash'] as const;

export type AssetResolution = { ok: true; file: string } | { ok: false; status: 403 | 404 };

/** Checks the raw (still percent-encoded) path after `/asset/<token>/`, then resolves it. */
export async function resolveAsset(libraryRoot: string, rawRelative: string): Promise<AssetResolution> {
  // Encoded dots, slashes and backslashes have no business in a library path: refuse them raw.
  if (/%2e|%2f|%5c|%00/i.test(rawRelative)) return { ok: false, status: 403 };
  let relative: string;
  try {
    relative = decodeURIComponent(rawRelative);
  } catch {
    return { ok: false, status: 403 };
  }
  if (relative.includes('\0') || relative.includes('\\') || relative.startsWith('/') || path.isAbsolute(relative)) {
    return { ok: false, status: 403 };
  }
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === '')) return { ok: false, status: 403 };
  if (!(SERVED_FOLDERS as readonly string[]).includes(segments[0] ?? '')) return { ok: false, status: 403 };

  const root = path.resolve(libraryRoot);
  const candidate = path.resolve(root, ...segments);
  if (!candidate.startsWith(root + path.sep)) return { ok: false, status: 403 };

  // Follow symlinks and check again: a link inside the library may point anywhere.
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([fs.promises.realpath(candidate), fs.promises.realpath(root)]);
  } catch {
    return { ok: false, status: 404 };
  }
  if (!real.startsWith(realRoot + path.sep)) return { ok: false, status: 403 };
  const stat = await fs.promises.stat(real).catch(() => null);
  if (!stat || !stat.isFile()) return { ok: false, status: 404 };
  return { ok: true, file: real };
}

export async function serveAsset(res: ServerResponse, libraryRoot: string, rawRelative: string): Promise<void> {
  const resolved = await resolveAsset(libraryRoot, rawRelative);
  if (!resolved.ok) {
    res.writeHead(resolved.status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(resolved.status === 403 ? 'Forbidden' : 'Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeFor(resolved.file),
    // Library files never change under the same name (new images get new ids).
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
  });
  fs.createReadStream(resolved.file)
    .on('error', () => res.destroy())
    .pipe(res);
}
