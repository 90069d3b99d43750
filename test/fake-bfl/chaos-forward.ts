/**
 * The chaos mode's pass-through: one exchange relayed to the emulator host behind, read in full
 * (answers are small), and written back — whole or, where the plan says so, broken.
 */
import http from 'node:http';

export interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const PASSED_HEADERS = [
  'content-type',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

export function forward(base: string, req: http.IncomingMessage, body: Buffer | null): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const name of ['x-key', 'content-type', 'accept']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const out = http.request(`${base}${req.url ?? '/'}`, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const kept: Record<string, string> = {};
        for (const name of PASSED_HEADERS) {
          const value = res.headers[name];
          if (typeof value === 'string') kept[name] = value;
        }
        resolve({ status: res.statusCode ?? 502, headers: kept, body: Buffer.concat(chunks) });
      });
    });
    out.on('error', reject);
    out.end(body ?? undefined);
  });
}

export function send(res: http.ServerResponse, answer: Upstream, body: Buffer | string = answer.body): void {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
