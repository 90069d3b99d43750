/**
 * The web host's HTTP server: the built renderer, the asset route and the WebSocket, on 127.0.0.1
 * only, every request checked for Host and token. The core is passed in (dispatch + bus), so the
 * host is tested with a stand-in core and runs with the real one from main.ts.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_BASE64_LENGTH } from '../../shared/api';
import type { Dispatch } from '../core/contract/dispatch';
import type { EventBus } from '../core/events';
import { serveAsset } from './asset-route';
import { isAllowedHost, requestHasToken, tokenCookie, tokensEqual } from './request-guard';
import { attachSocketBridge } from './socket-bridge';
import { serveStatic } from './static-route';
import type { TeamServedRoot, WatchedRoot } from '../core/served-files/served-files';
import { webContentSecurityPolicy } from './web-csp';
import { noteFrontDoorRequest } from '../core/runtime/front-door-priority';
import { withFirstPage } from '../core/page/first-page-html';

export interface WebHostOptions {
  dispatch: Dispatch;
  bus: EventBus;
  /** The library folder (SEEDBANK_HOME); the asset route serves media inside it only. */
  libraryRoot: string;
  /** The watched folders, served read-only (images only) under `watched/<id>/`. */
  watched?: () => readonly WatchedRoot[];
  /** Runs before an asset is resolved: the library makes a thumbnail not made yet. */
  prepareAsset?: (rawRelative: string) => Promise<void>;
  /** The team library in use, served read-only under `team/<library id>/` (asked at each request). */
  team?: () => TeamServedRoot | null;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The largest message is one file payload (the contract's limit) with its JSON frame around it. */
const MAX_MESSAGE_BYTES = MAX_BASE64_LENGTH + 64 * 1024;

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

function refuse(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** A browser always sends Origin on a WebSocket; a page elsewhere must not open ours. */
function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // not a browser (tests, tools): the token still applies
  try {
    return isAllowedHost(new URL(origin).host, port);
  } catch {
    return false;
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? createToken();
  let port = 0;

  const server = http.createServer((req, res) => {
    noteFrontDoorRequest();
    if (!isAllowedHost(req.headers.host, port)) return refuse(res, 403, 'Forbidden host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    // The raw path keeps percent-encoding, so the asset route can refuse encoded dots itself.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const assetMatch = /^\/asset\/([^/]+)\/(.*)$/.exec(rawPath);
    if (assetMatch) {
      if (!tokensEqual(assetMatch[1], token)) return refuse(res, 403, 'Forbidden');
      void serveAsset(
        res,
        options.libraryRoot,
        assetMatch[2] ?? '',
        options.watched?.() ?? [],
        options.prepareAsset,
        options.team?.() ?? null,
      );
      return;
    }
    if (!requestHasToken(req, url, token)) return refuse(res, 403, 'Forbidden: open the address the host printed');
    const headers: Record<string, string> = {
      'Content-Security-Policy': webContentSecurityPolicy(port),
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Set-Cookie': tokenCookie(token),
    };
    void serveStatic(res, options.rendererDir, url.pathname, headers, (html) => withFirstPage(html, options.dispatch));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const originOk = isAllowedOrigin(req.headers.origin, port);
    if (
      !isAllowedHost(req.headers.host, port) ||
      !originOk ||
      url.pathname !== '/socket' ||
      !requestHasToken(req, url, token)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const detach = attachSocketBridge(wss, options.dispatch, options.bus);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      detach();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
