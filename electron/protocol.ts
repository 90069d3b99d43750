/**
 * The two custom schemes the window loads from: `seedbank-app://app/…` serves the built renderer
 * (no `file://` pages, so the page has a real origin and `'self'` in the CSP means something), and
 * `seedbank-asset://library/…` serves library images. Both resolve a request to a file through
 * the same refusal rules, and only types come from `electron`, so they are tested under plain Node
 * against real files and real symlinks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { ASSET_SCHEME } from './security';

export const APP_SCHEME = 'seedbank-app';
export const APP_HOST = 'app';
export const ASSET_HOST = 'library';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
/** The only library subfolders the window may read; `library.db`, settings and logs are not among them. */
export const SERVED_LIBRARY_FOLDERS: readonly string[] = ['images', 'thumbs', 'inputs'];

export type PathResolution = { ok: string } | { status: 403 | 404 };

const FORBIDDEN = { status: 403 } as const;
const NOT_FOUND = { status: 404 } as const;
/** Device names Windows opens whatever the folder (`images\CON.jpg` is the console). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$/i;

/** Standard schemes must be declared before `ready`: secure (like https), fetchable, streamable. */
export function registerPrivilegedSchemes(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** The asset URL for a path relative to the library folder (each segment percent-encoded). */
export function libraryAssetUrl(relativePath: string): string {
  const segments = relativePath.split(/[\\/]/).filter((s) => s.length > 0);
  return `${ASSET_SCHEME}://${ASSET_HOST}/${segments.map(encodeURIComponent).join('/')}`;
}

/**
 * Splits the path of `scheme://host/…` into decoded segments, or null when any segment is one a
 * well-formed URL from us never has: empty, `.`/`..` (raw or percent-encoded), a slash, backslash,
 * colon (drive letters, NTFS streams), NUL or other control character, or a `%` left after one
 * decoding (double encoding).
 */
function requestSegments(requestUrl: string, scheme: string, host: string): string[] | null {
  const prefix = `${scheme}://${host}/`;
  if (requestUrl.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  const raw = requestUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  if (raw.includes('\\')) return null;
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (decoded === '' || decoded === '.' || decoded === '..') return null;
    // eslint-disable-next-line no-control-regex
    if (/[/\\:%\u0000-\u001f\u007f]/.test(decoded)) return null;
    if (WINDOWS_DEVICE.test(decoded)) return null;
    segments.push(decoded);
  }
  return segments;
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Follows every symlink, then checks the file is still inside `realRoot` under an allowed top folder. */
async function confine(
  root: string,
  segments: string[],
  allowedTop: readonly string[] | null,
): Promise<PathResolution> {
  const candidate = path.join(root, ...segments);
  if (!isInside(root, candidate)) return FORBIDDEN;
  let realRoot: string;
  let real: string;
  try {
    realRoot = await fs.promises.realpath(root);
    real = await fs.promises.realpath(candidate);
  } catch {
    return NOT_FOUND;
  }
  if (!isInside(realRoot, real)) return FORBIDDEN;
  const top = path.relative(realRoot, real).split(path.sep)[0] ?? '';
  if (allowedTop && !allowedTop.includes(top)) return FORBIDDEN;
  try {
    const stat = await fs.promises.stat(real);
    return stat.isFile() ? { ok: real } : NOT_FOUND;
  } catch {
    return NOT_FOUND;
  }
}

/** `seedbank-asset://library/images/2026-11/x.jpg` → the file, if it is really inside `images/`, `thumbs/` or `inputs/`. */
export async function resolveLibraryPath(root: string, requestUrl: string): Promise<PathResolution> {
  const segments = requestSegments(requestUrl, ASSET_SCHEME, ASSET_HOST);
  if (!segments || segments.length < 2) return FORBIDDEN;
  if (!SERVED_LIBRARY_FOLDERS.includes(segments[0] ?? '')) return FORBIDDEN;
  return confine(path.resolve(root), segments, SERVED_LIBRARY_FOLDERS);
}

/** `seedbank-app://app/assets/x.js` → a file of the built renderer; the bare origin means `index.html`. */
export async function resolveAppPath(root: string, requestUrl: string): Promise<PathResolution> {
  const bare = `${APP_SCHEME}://${APP_HOST}`;
  const withoutQuery = requestUrl.split(/[?#]/, 1)[0] ?? '';
  const url =
    withoutQuery.toLowerCase() === bare || withoutQuery.toLowerCase() === `${bare}/`
      ? `${bare}/index.html`
      : requestUrl;
  const segments = requestSegments(url, APP_SCHEME, APP_HOST);
  if (!segments) return FORBIDDEN;
  return confine(path.resolve(root), segments, null);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function statusResponse(status: number): Response {
  const text = status === 403 ? 'Forbidden' : status === 404 ? 'Not found' : 'Method not allowed';
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Streams a resolved file; images are immutable once written, so the window may cache them. */
export async function fileResponse(
  file: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const stat = await fs.promises.stat(file);
  const allHeaders = {
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(stat.size),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  };
  if (method === 'HEAD') return new Response(null, { status: 200, headers: allHeaders });
  const body = Readable.toWeb(fs.createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: allHeaders });
}

type Resolver = (root: string, url: string) => Promise<PathResolution>;

function createHandler(root: string, resolve: Resolver, headers: Record<string, string>) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return statusResponse(405);
    const resolved = await resolve(root, request.url);
    if ('status' in resolved) return statusResponse(resolved.status);
    try {
      return await fileResponse(resolved.ok, request.method, headers);
    } catch {
      return statusResponse(404);
    }
  };
}

export function createAssetHandler(libraryRoot: string): (request: Request) => Promise<Response> {
  return createHandler(libraryRoot, resolveLibraryPath, { 'Cache-Control': 'private, max-age=31536000, immutable' });
}

/** The CSP travels with every page response, not only through `webRequest`, which custom schemes may bypass. */
export function createAppHandler(rendererRoot: string, csp: string): (request: Request) => Promise<Response> {
  return createHandler(rendererRoot, resolveAppPath, { 'Content-Security-Policy': csp, 'Cache-Control': 'no-cache' });
}

export interface ProtocolRoots {
  libraryRoot: string;
  /** `out/renderer`; null in development, where the Vite dev server serves the page. */
  rendererRoot: string | null;
  csp: string;
}

export function setupProtocols(protocol: Pick<Protocol, 'handle'>, roots: ProtocolRoots): void {
  protocol.handle(ASSET_SCHEME, createAssetHandler(roots.libraryRoot));
  if (roots.rendererRoot) protocol.handle(APP_SCHEME, createAppHandler(roots.rendererRoot, roots.csp));
}
