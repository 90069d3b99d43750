/**
 * A second local HTTP server standing in for a thief: it answers anything with a harmless 200
 * and records every `x-key` it receives, which must stay empty. Its address uses the name
 * `localhost` while the emulator's use `127.0.0.1`: another host, as far as the key's rules go
 * (those trust the configured API host on any port, so a local emulator can have a separate
 * polling host the way BFL does).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Thief {
  url: string;
  keysSeen: string[];
  /** Every request it received, as "METHOD /path". */
  requests: string[];
  close(): Promise<void>;
}

export async function startThief(): Promise<Thief> {
  const keysSeen: string[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const key = req.headers['x-key'];
    if (key) keysSeen.push(String(key));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"credits": 12}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    keysSeen,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
