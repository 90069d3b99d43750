import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/support/temp';
import WebSocket from 'ws';
import type { Dispatch } from '../core/contract/dispatch';
import { EventBus } from '../core/events';
import { startWebHost, type WebHost } from './server';

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function get(port: number, pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathAndQuery, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  let dir: string;
  let host: WebHost;
  const bus = new EventBus();
  const calls: { channel: unknown; payload: unknown }[] = [];
  const dispatch: Dispatch = async (channel, payload) => {
    calls.push({ channel, payload });
    if (channel === 'app:info') return { result: { version: 'test' } };
    return { error: { code: 'INVALID_INPUT', message: `Unknown channel '${String(channel)}'` } };
  };

  beforeAll(async () => {
    dir = makeTempDir('seedbank-webhost-');
    const library = path.join(dir, 'library');
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(library, 'images', '2026-11'), { recursive: true });
    fs.mkdirSync(renderer, { recursive: true });
    fs.writeFileSync(path.join(library, 'images', '2026-11', 'a.jpg'), 'JPEGDATA');
    fs.writeFileSync(path.join(library, 'library.db'), 'SECRET DB');
    fs.writeFileSync(path.join(dir, 'outside.txt'), 'OUTSIDE');
    fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(library, 'images', 'link.jpg'));
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Seedbank</title>');
    host = await startWebHost({ dispatch, bus, libraryRoot: library, rendererDir: renderer, token: 'tok123' });
  });

  afterAll(async () => {
    await host.close();
  });

  it('listens on 127.0.0.1 and reports its address with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=tok123`);
  });

  it('refuses the page without the token and serves it with the token and the web CSP', async () => {
    expect((await get(host.port, '/')).status).toBe(403);
    expect((await get(host.port, '/?token=wrong')).status).toBe(403);
    const ok = await get(host.port, '/?token=tok123');
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Seedbank');
    const csp = String(ok.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'self' blob: data:");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
    expect(String(ok.headers['set-cookie'])).toContain('HttpOnly');
  });

  it('accepts the token cookie for the page’s own files', async () => {
    expect((await get(host.port, '/assets/x.js', { cookie: 'seedbank_token=tok123' })).status).toBe(200);
    expect((await get(host.port, '/assets/x.js', { cookie: 'seedbank_token=nope' })).status).toBe(403);
  });

  it('refuses a Host header other than 127.0.0.1 or localhost with its port (DNS rebinding)', async () => {
    expect((await get(host.port, '/?token=tok123', { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(host.port, '/?token=tok123', { host: '127.0.0.1' })).status).toBe(403);
    expect((await get(host.port, '/?token=tok123', { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('serves library images only with the token', async () => {
    const ok = await get(host.port, '/asset/tok123/images/2026-11/a.jpg');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('JPEGDATA');
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect((await get(host.port, '/asset/wrong/images/2026-11/a.jpg')).status).toBe(403);
    expect((await get(host.port, '/asset/tok123/images/2026-11/none.jpg')).status).toBe(404);
  });

  it('refuses traversal, encoded dots, absolute paths, non-media files and symlinks out', async () => {
    for (const p of [
      '/asset/tok123/images/../library.db',
      '/asset/tok123/images/%2e%2e/library.db',
      '/asset/tok123/images/%2E%2E%2Flibrary.db',
      '/asset/tok123/%2Fetc%2Fpasswd',
      '/asset/tok123//etc/passwd',
      '/asset/tok123/library.db',
      '/asset/tok123/images/link.jpg',
      '/asset/tok123/images\\..\\library.db',
    ]) {
      const reply = await get(host.port, p);
      expect([403, 404], p).toContain(reply.status);
      expect(reply.body).not.toContain('SECRET');
      expect(reply.body).not.toContain('OUTSIDE');
    }
  });

  it('refuses links inside a served folder whose target leaves the served folders', async () => {
    const library = path.join(dir, 'library');
    fs.writeFileSync(path.join(library, 'settings.json'), 'SECRET SETTINGS');
    fs.symlinkSync('../../library.db', path.join(library, 'images', '2026-11', 'x.jpg'));
    fs.symlinkSync('..', path.join(library, 'images', 'l'));
    for (const p of ['/asset/tok123/images/2026-11/x.jpg', '/asset/tok123/images/l/settings.json']) {
      const reply = await get(host.port, p);
      expect(reply.status, p).toBe(403);
      expect(reply.body).not.toContain('SECRET');
    }
  });

  it('dispatches contract calls and pushes events over a real WebSocket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/socket?token=tok123`);
    const messages: unknown[] = [];
    ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ id: 1, channel: 'app:info', payload: {} }));
    ws.send(JSON.stringify({ id: 2, channel: 'nope:nope', payload: {} }));
    await expect.poll(() => messages.length).toBe(2);
    expect(messages).toContainEqual({ id: 1, envelope: { result: { version: 'test' } } });
    expect(messages).toContainEqual({
      id: 2,
      envelope: { error: { code: 'INVALID_INPUT', message: "Unknown channel 'nope:nope'" } },
    });
    bus.emit('network:changed', { online: false });
    await expect.poll(() => messages.length).toBe(3);
    expect(messages[2]).toEqual({ event: 'network:changed', payload: { online: false } });
    ws.close();
  });

  it('refuses a socket without the token or from a foreign origin', async () => {
    const attempt = (url: string, headers: Record<string, string> = {}) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.once('open', () => {
          ws.close();
          resolve('open');
        });
        ws.once('error', () => resolve('refused'));
      });
    expect(await attempt(`ws://127.0.0.1:${host.port}/socket`)).toBe('refused');
    expect(await attempt(`ws://127.0.0.1:${host.port}/socket?token=bad`)).toBe('refused');
    expect(await attempt(`ws://127.0.0.1:${host.port}/socket?token=tok123`, { origin: 'http://evil.example' })).toBe(
      'refused',
    );
    expect(await attempt(`ws://127.0.0.1:${host.port}/socket?token=tok123`)).toBe('open');
  });

  it('refuses a socket whose Host header is not 127.0.0.1 or localhost with its port, token or not', async () => {
    const attempt = (hostHeader: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/socket?token=tok123`, { headers: { host: hostHeader } });
        ws.once('open', () => {
          ws.close();
          resolve('open');
        });
        ws.once('error', () => resolve('refused'));
      });
    expect(await attempt(`evil.example:${host.port}`)).toBe('refused');
    expect(await attempt(`127.0.0.1:${host.port + 1}`)).toBe('refused');
    expect(await attempt(`localhost:${host.port}`)).toBe('open');
  });
});
