import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { Envelope } from '../../shared/api';
import { EventBus } from '../core/events';
import { attachSocketBridge } from './socket-bridge';

describe('socket bridge', () => {
  let wss: WebSocketServer | null = null;
  let client: WebSocket | null = null;

  afterEach(async () => {
    client?.close();
    if (wss) {
      for (const socket of wss.clients) socket.terminate();
      await new Promise((resolve) => wss!.close(resolve));
    }
    wss = client = null;
  });

  it("sends the gallery page's answer before it starts on the next request of the page's first burst", async () => {
    const log: string[] = [];
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(wss, 'listening');
    wss.on('connection', (socket) => {
      const send = socket.send.bind(socket);
      socket.send = ((data: string) => {
        log.push(`answer ${(JSON.parse(data) as { id: number }).id}`);
        send(data);
      }) as typeof socket.send;
    });
    // The work of each request is synchronous (as SQLite's is); its answer leaves after an await.
    attachSocketBridge(
      wss,
      async (channel): Promise<Envelope<unknown>> => {
        log.push(`work ${String(channel)}`);
        return { result: null };
      },
      new EventBus(),
    );
    client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    await once(client, 'open');
    const answers: number[] = [];
    client.on('message', (data: Buffer) => answers.push((JSON.parse(data.toString()) as { id: number }).id));
    // One burst, as the page sends its first requests when the socket opens.
    client.send(JSON.stringify({ id: 1, channel: 'library:list', payload: {} }));
    client.send(JSON.stringify({ id: 2, channel: 'library:tags', payload: {} }));
    client.send(JSON.stringify({ id: 3, channel: 'projects:list', payload: {} }));
    while (answers.length < 3) await once(client, 'message');
    expect(log).toEqual([
      'work library:list',
      'answer 1',
      'work library:tags',
      'answer 2',
      'work projects:list',
      'answer 3',
    ]);
  });
});
