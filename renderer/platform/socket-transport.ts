/**
 * The browser's transport for the contract: one WebSocket to the web host, which answers each
 * `{id, channel, payload}` with `{id, envelope}` and pushes `{event, payload}`. Calls made while
 * the socket is (re)connecting wait for it; a lost socket reconnects with backoff, and pending
 * calls fail with NETWORK so the UI can say so instead of hanging.
 */
import type { Envelope, EventChannel, RequestChannel } from '../../shared/api';
import type { BridgeTransport } from '../../shared/bridge';

type Listener = (channel: EventChannel, payload: unknown) => void;
export type ConnectionListener = (connected: boolean) => void;

export interface SocketTransport extends BridgeTransport {
  onConnection(listener: ConnectionListener): () => void;
}

export function createSocketTransport(url: string): SocketTransport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryDelay = 250;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const outbox: string[] = [];
  const listeners = new Set<Listener>();
  const connectionListeners = new Set<ConnectionListener>();

  const failPending = () => {
    for (const settle of pending.values()) {
      settle({ error: { code: 'NETWORK', message: 'Lost the connection to the Seedbank host' } });
    }
    pending.clear();
  };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryDelay = 250;
      for (const text of outbox.splice(0)) ws.send(text);
      for (const listener of connectionListeners) listener(true);
    };
    ws.onmessage = (message) => {
      const data: unknown = JSON.parse(String(message.data));
      if (!data || typeof data !== 'object') return;
      const frame = data as { id?: unknown; envelope?: Envelope<unknown>; event?: EventChannel; payload?: unknown };
      if (typeof frame.id === 'number' && frame.envelope) {
        pending.get(frame.id)?.(frame.envelope);
        pending.delete(frame.id);
      } else if (typeof frame.event === 'string') {
        for (const listener of listeners) listener(frame.event, frame.payload);
      }
    };
    ws.onclose = () => {
      failPending();
      for (const listener of connectionListeners) listener(false);
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
  };
  connect();

  return {
    invoke(channel: RequestChannel, payload: unknown) {
      const id = nextId++;
      const text = JSON.stringify({ id, channel, payload });
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else outbox.push(text);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
  };
}
