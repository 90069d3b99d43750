/** Small node:http helpers for the emulator. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendRaw(res: http.ServerResponse, status: number, contentType: string, body: Buffer | string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Sends only the first half of `body`: `truncated` without a length (chunked), ending cleanly
 * as if that were all; `reset` with the full length announced, then a reset connection.
 */
export function sendCut(res: http.ServerResponse, contentType: string, body: Buffer, how: 'truncated' | 'reset'): void {
  const half = body.subarray(0, Math.floor(body.length / 2));
  if (how === 'truncated') {
    res.writeHead(200, { 'content-type': contentType });
    res.end(half);
    return;
  }
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  res.write(half, () => res.socket?.destroy());
}

/** Ends the exchange without any answer, like a connection lost mid-request. */
export function dropConnection(req: http.IncomingMessage): void {
  req.socket.destroy();
}

export async function listen(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
