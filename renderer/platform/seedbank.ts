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

/** Called once by main.tsx before the first render. */
export function initSeedbank(): SeedbankApi {
  if (api) return api;
  if (window.seedbank) {
    api = window.seedbank;
    return api;
  }
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = createSocketTransport(
    `${protocol}//${window.location.host}/socket?token=${encodeURIComponent(token)}`,
  );
  transport.onConnection((connected) => {
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

/** Whether the OS shell (reveal, external links) is there: only in the desktop app. */
export const isDesktop = (): boolean => typeof window.seedbank !== 'undefined';
