/**
 * Where the renderer gets `window.seedbank`: the preload provides it in Electron; in a browser it
 * is built here with `createChannelBridge` over a WebSocket to the web host, using the token from the
 * page's `?token=`. Everything else in the renderer imports `seedbank` from this file only.
 */
import type { SeedbankApi } from '../../shared/bridge';
import { createChannelBridge } from '../../shared/bridge-core';
import { createSocketTransport, type ConnectionListener } from './socket-transport';

declare global {
  interface Window {
    seedbank?: SeedbankApi;
  }
}

let api: SeedbankApi | null = null;
const connectionListeners = new Set<ConnectionListener>();
let markFirstOpen: () => void = () => undefined;
/** Settles when the socket to the host first opens; in Electron (no socket) it is settled already. */
let firstOpen: Promise<void> = Promise.resolve();

/** Called once by main.tsx before the first render. */
export function initSeedbank(): SeedbankApi {
  if (api) return api;
  if (window.seedbank) {
    api = window.seedbank;
    return api;
  }
  firstOpen = new Promise((resolve) => (markFirstOpen = resolve));
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = createSocketTransport(
    `${protocol}//${window.location.host}/socket?token=${encodeURIComponent(token)}`,
  );
  transport.onConnection((connected) => {
    if (connected) markFirstOpen();
    for (const listener of connectionListeners) listener(connected);
  });
  // Without the contract's schemas (bridge-core.ts says why); the host checks every channel.
  api = createChannelBridge(transport);
  return api;
}

export function seedbank(): SeedbankApi {
  if (!api) throw new Error('initSeedbank() has not run');
  return api;
}

/** Connection to the host (browser only; the Electron preload is always connected). */
export function onHostConnection(listener: ConnectionListener): () => void {
  connectionListeners.add(listener);
  return () => {
    connectionListeners.delete(listener);
  };
}

/**
 * Resolves once the host connection is open (at once in Electron), or after `maxMs`. The first
 * render waits for it: the socket's open event is what sends the queued first requests, and an
 * open event queued behind the first render (100+ ms for the whole studio) would hold the
 * gallery's page back until the render was done, instead of the host working on it meanwhile.
 */
export function hostConnected(maxMs: number): Promise<void> {
  return Promise.race([firstOpen, new Promise<void>((resolve) => setTimeout(resolve, maxMs))]);
}

/** Whether the OS shell (reveal, external links) is there: only in the desktop app. */
export const isDesktop = (): boolean => typeof window.seedbank !== 'undefined';
