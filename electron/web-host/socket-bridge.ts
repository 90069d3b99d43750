/**
 * The contract over a WebSocket: `{id, channel, payload}` in → `dispatch` → `{id, envelope}` out;
 * every core event is pushed as `{event, payload}`. The dispatcher validates the channel and the
 * payload, so this file only frames messages and never trusts their shape.
 */
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { Dispatch } from '../core/contract/dispatch';
import type { EventBus } from '../core/events';
import { noteFrontDoorRequest } from '../core/runtime/front-door-priority';

interface RequestFrame {
  id: string | number;
  channel: unknown;
  payload: unknown;
}

function parseFrame(data: string): RequestFrame | null {
  try {
    const value: unknown = JSON.parse(data);
    if (!value || typeof value !== 'object') return null;
    const frame = value as Record<string, unknown>;
    const id = frame.id;
    if (typeof id !== 'string' && typeof id !== 'number') return null;
    return { id, channel: frame.channel, payload: frame.payload };
  } catch {
    return null;
  }
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

export function attachSocketBridge(wss: WebSocketServer, dispatch: Dispatch, bus: EventBus): () => void {
  const unsubscribe = bus.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(text);
    }
  });

  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      noteFrontDoorRequest();
      const frame = parseFrame(textOf(data));
      if (!frame) {
        send(socket, { id: null, envelope: { error: { code: 'INVALID_INPUT', message: 'Malformed message' } } });
        return;
      }
      // Each request in its own turn of the event loop: the page sends its first requests in one
      // burst (gallery page, projects, tags, jobs, settings), and ws hands them over in one go;
      // run back to back, the gallery's answer would wait for the others' work before it left.
      setImmediate(() => {
        void dispatch(frame.channel, frame.payload).then((envelope) => send(socket, { id: frame.id, envelope }));
      });
    });
  });

  return unsubscribe;
}
