/**
 * The two custom schemes the window loads from: `seedbank-app://app/…` serves the built renderer
 * (no `file://` pages, so the page has a real origin and `'self'` in the CSP means something), and
 * `seedbank-asset://library/…` serves library files. Which file a request gets, if any, is the
 * core's served-files rule (`core/served-files/`), the same one the web host and drag-out use;
 * this file only takes the path out of the URL and streams the answer. Only types come from
 * `electron`, so it is tested under plain Node against real files and real symlinks.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { encodeServedPath } from './core/served-files/path-grammar';
import {
  SERVED_FILE_HEADERS,
  libraryServedFolders,
  refusalText,
  resolveServedUrlPath,
  type ServedAnswer,
  type ServedFolder,
  type TeamServedRoot,
  type WatchedRoot,
} from './core/served-files/served-files';
import { ASSET_SCHEME } from './security';
import { noteFrontDoorRequest, PAGE_LOAD_QUIET_MS } from './core/runtime/front-door-priority';

export const APP_SCHEME = 'seedbank-app';
export const APP_HOST = 'app';
export const ASSET_HOST = 'library';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Standard schemes must be declared before `ready`: secure (like https), fetchable, streamable. */
export function registerPrivilegedSchemes(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** The asset URL for a path relative to the library folder (each segment percent-encoded). */
export function libraryAssetUrl(relativePath: string): string {
  return `${ASSET_SCHEME}://${ASSET_HOST}/${encodeServedPath(relativePath)}`;
}

/** The raw path after `scheme://host/`, without query or fragment; null for another scheme or host. */
function rawPathOf(requestUrl: string, scheme: string, host: string): string | null {
  const prefix = `${scheme}://${host}/`;
  if (requestUrl.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  return requestUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
}

const FORBIDDEN = { status: 403 } as const;

/**
 * `seedbank-asset://library/images/2026-11/x.jpg` → the answer of the served-files rule; a team
 * library's files are `seedbank-asset://library/team/<library id>/images/…` (served-files.ts).
 */
export async function resolveLibraryRequest(
  libraryRoot: string,
  requestUrl: string,
  watched: readonly WatchedRoot[] = [],
  team: TeamServedRoot | null = null,
): Promise<ServedAnswer> {
  const raw = rawPathOf(requestUrl, ASSET_SCHEME, ASSET_HOST);
  return raw === null ? FORBIDDEN : resolveServedUrlPath(libraryServedFolders(libraryRoot, watched, team), raw);
}

/** `seedbank-app://app/assets/x.js` → a file of the built renderer; the bare origin means `index.html`. */
export async function resolveAppRequest(rendererRoot: string, requestUrl: string): Promise<ServedAnswer> {
  const bare = `${APP_SCHEME}://${APP_HOST}`;
  const withoutQuery = (requestUrl.split(/[?#]/, 1)[0] ?? '').toLowerCase();
  const url = withoutQuery === bare || withoutQuery === `${bare}/` ? `${bare}/index.html` : requestUrl;
  const raw = rawPathOf(url, APP_SCHEME, APP_HOST);
  const renderer: ServedFolder[] = [{ mount: [], dir: rendererRoot }];
  return raw === null ? FORBIDDEN : resolveServedUrlPath(renderer, raw);
}

function statusResponse(status: 403 | 404 | 405): Response {
  const text = status === 405 ? 'Method not allowed' : refusalText(status);
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Streams a served file; the size was read when it was resolved. */
function fileResponse(
  answer: Extract<ServedAnswer, { status: 200 }>,
  method: string,
  headers: Record<string, string>,
): Response {
  const allHeaders = { 'Content-Type': answer.contentType, 'Content-Length': String(answer.size), ...headers };
  if (method === 'HEAD') return new Response(null, { status: 200, headers: allHeaders });
  const body = Readable.toWeb(fs.createReadStream(answer.file)) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: allHeaders });
}

type Resolver = (root: string, url: string) => Promise<ServedAnswer>;

function createHandler(root: string, resolve: Resolver, headers: Record<string, string>) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return statusResponse(405);
    const answer = await resolve(root, request.url);
    return answer.status === 200 ? fileResponse(answer, request.method, headers) : statusResponse(answer.status);
  };
}

/** `watched`, `team`: the watched folders and the team library now (they change while the app runs). */
export function createAssetHandler(
  libraryRoot: string,
  watched: () => readonly WatchedRoot[] = () => [],
  prepare?: (rawPath: string) => Promise<void>,
  team: () => TeamServedRoot | null = () => null,
): (request: Request) => Promise<Response> {
  const resolve: Resolver = async (root, url) => {
    const raw = rawPathOf(url, ASSET_SCHEME, ASSET_HOST);
    if (raw !== null) await prepare?.(raw);
    return resolveLibraryRequest(root, url, watched(), team());
  };
  return createHandler(libraryRoot, resolve, { ...SERVED_FILE_HEADERS });
}

/**
 * The CSP travels with every page response, not only through `webRequest`, which custom schemes may
 * bypass. The page itself goes through `pageHtml` first (the gallery's first page is put into it:
 * core/page/first-page-html.ts).
 */
export function createAppHandler(
  rendererRoot: string,
  csp: string,
  pageHtml?: (html: string) => Promise<string>,
): (request: Request) => Promise<Response> {
  const headers = {
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  const files = createHandler(rendererRoot, resolveAppRequest, headers);
  if (!pageHtml) return files;
  return async (request) => {
    if (request.method !== 'GET') return files(request);
    // Resolved once: every script and stylesheet of the page comes through here too.
    const answer = await resolveAppRequest(rendererRoot, request.url);
    if (answer.status !== 200) return statusResponse(answer.status);
    if (!answer.file.endsWith('.html')) return fileResponse(answer, request.method, headers);
    // The window now parses, lays out and paints the page: long work waits a little longer.
    noteFrontDoorRequest(PAGE_LOAD_QUIET_MS);
    const html = await pageHtml(await fs.promises.readFile(answer.file, 'utf8'));
    return new Response(html, { status: 200, headers: { 'Content-Type': answer.contentType, ...headers } });
  };
}

export interface ProtocolRoots {
  libraryRoot: string;
  /** The watched folders, served read-only under `watched/<id>/` (asked at each request). */
  watched?: () => readonly WatchedRoot[];
  /** Runs before an asset is resolved: the library makes a thumbnail not made yet (asked at each request). */
  prepareAsset?: (rawPath: string) => Promise<void>;
  /** The team library in use, served read-only under `team/<library id>/` (asked at each request). */
  team?: () => TeamServedRoot | null;
  /** `out/renderer`; null in development, where the Vite dev server serves the page. */
  rendererRoot: string | null;
  /** Runs over the page before it is served (asked at each request; the core opens after the protocol). */
  pageHtml?: (html: string) => Promise<string>;
  csp: string;
}

export function setupProtocols(protocol: Pick<Protocol, 'handle'>, roots: ProtocolRoots): void {
  protocol.handle(ASSET_SCHEME, createAssetHandler(roots.libraryRoot, roots.watched, roots.prepareAsset, roots.team));
  if (roots.rendererRoot) protocol.handle(APP_SCHEME, createAppHandler(roots.rendererRoot, roots.csp, roots.pageHtml));
}
