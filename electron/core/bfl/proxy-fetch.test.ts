import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl } from '../../../test/fake-bfl';
import { BflClient } from './client';
import { createProxyAwareFetch } from './proxy-fetch';

let fake: FakeBfl;
let proxy: http.Server;
let proxyBase: string;
let proxied: string[];

// A minimal forward proxy for plain http: it receives absolute-form request targets.
beforeEach(async () => {
  fake = await startFakeBfl({ taskMs: 0 });
  proxied = [];
  proxy = http.createServer((req, res) => {
    proxied.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyBase = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await fake.close();
  await new Promise<void>((r) => {
    proxy.close(() => r());
    proxy.closeAllConnections();
  });
});

const clientWith = (env: Record<string, string>) =>
  new BflClient({ apiBase: fake.apiBase, getKey: async () => DEFAULT_FAKE_KEY, fetch: createProxyAwareFetch(env) });

describe('createProxyAwareFetch', () => {
  it('sends BFL requests through HTTP_PROXY when one is set', async () => {
    expect(await clientWith({ HTTP_PROXY: proxyBase }).credits()).toBe(1000);
    expect(proxied).toEqual([`${fake.apiBase}/v1/credits`]);
  });

  it('goes direct for hosts listed in NO_PROXY', async () => {
    expect(await clientWith({ http_proxy: proxyBase, no_proxy: '127.0.0.1' }).credits()).toBe(1000);
    expect(proxied).toEqual([]);
  });

  it('uses plain fetch when no proxy is set', async () => {
    expect(await clientWith({}).credits()).toBe(1000);
    expect(proxied).toEqual([]);
  });
});
