/**
 * The API key never reaches the renderer, a log line, an error message, the database or a file.
 * This runs the whole core the way the browser host does — the contract over a real WebSocket,
 * library files over HTTP — through a session that exercises generation: key stored and tested,
 * a reference image added, images generated, settings changed, images exported, a moderated
 * prompt, a rejected key. Then it scans every message and file body the page received, the
 * database, every file under the app-data folder (settings, logs, images, thumbnails), and the
 * exported folder, for the key's bytes as text, UTF-16 and base64.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl } from '../fake-bfl';
import { createCore, type Core } from '../../electron/core/app-core';
import { silentLogger } from '../../electron/core/logging/logger';
import { makeImageBytes } from '../support/library-test-kit';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { MemorySecretStore } from '../../electron/web-host/memory-secret-store';
import type { Envelope } from '../../shared/api';
import type { Generation, Job } from '../../shared/types';
import { FINAL_JOB_STATUSES } from '../../shared/job-states';

const WRONG_KEY = 'wrong-key-that-bfl-refuses-0000';
const SECRETS = [DEFAULT_FAKE_KEY, WRONG_KEY];

/** The forms a key could take in a file or message. */
const needles = (secret: string) => [
  Buffer.from(secret, 'utf8'),
  Buffer.from(secret, 'utf16le'),
  Buffer.from(Buffer.from(secret).toString('base64').replace(/=+$/, '')),
];

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe('the API key never leaks', () => {
  let fake: FakeBfl;
  let dir: string;
  let home: string;
  let exported: string;
  let core: Core;
  let host: WebHost;
  let socket: WebSocket;
  const token = 'leak-test-token-0123456789';
  /** Everything the page received: every socket message and every HTTP body. */
  const received: Buffer[] = [];
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  let nextId = 1;

  beforeAll(async () => {
    fake = await startFakeBfl({ taskMs: 30 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-leak-'));
    home = path.join(dir, 'home');
    exported = path.join(dir, 'exported');
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer, { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Seedbank</title>');
    core = await createCore({
      home,
      kind: 'web',
      version: 'test',
      env: { SEEDBANK_API_BASE: fake.apiBase },
      secretStore: new MemorySecretStore(),
      assetUrl: (relative) => `/asset/${token}/${relative}`,
      moveToOsTrash: null,
    });
    host = await startWebHost({
      dispatch: core.dispatch,
      bus: core.ctx.bus,
      libraryRoot: home,
      rendererDir: renderer,
      token,
    });
    socket = new WebSocket(`ws://127.0.0.1:${host.port}/socket?token=${token}`);
    socket.on('message', (data: Buffer) => {
      received.push(Buffer.from(data));
      const message = JSON.parse(data.toString('utf8')) as { id?: number; envelope?: Envelope<unknown> };
      if (typeof message.id === 'number' && message.envelope) pending.get(message.id)?.(message.envelope);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
  });

  afterAll(async () => {
    socket?.close();
    await host?.close();
    await core?.close();
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = (channel: string, payload?: unknown): Promise<Envelope<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, channel, payload }));
    });

  const result = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const envelope = await call(channel, payload);
    if ('error' in envelope) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.result as T;
  };

  const fetchPage = async (urlPath: string) => {
    const response = await fetch(`http://127.0.0.1:${host.port}${urlPath}`);
    received.push(Buffer.from(await response.arrayBuffer()));
    return response.status;
  };

  const waitSettled = async (ids: string[]): Promise<Job[]> => {
    for (let i = 0; i < 400; i++) {
      const jobs = await result<Job[]>('jobs:list', {});
      const mine = jobs.filter((j) => ids.includes(j.id));
      if (mine.length === ids.length && mine.every((j) => FINAL_JOB_STATUSES.includes(j.status))) return mine;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('jobs did not settle');
  };

  it('after a session that generates, exports and fails in every common way', async () => {
    expect(await fetchPage(`/?token=${token}`)).toBe(200);
    await result('key:set', { key: DEFAULT_FAKE_KEY });
    await result('key:status');
    await result('key:test');
    await result('credits:get');
    await result('settings:update', { theme: 'light' });
    await result('app:info');
    const reference = await result<{ hash: string }>('inputs:add', {
      name: 'ref.png',
      dataBase64: Buffer.from(await makeImageBytes('png', 64, 64)).toString('base64'),
    });
    const good = await result<{ jobs: Job[] }>('jobs:submit', {
      request: {
        model: 'flux-2-pro',
        prompt: 'a lighthouse at dusk',
        params: { width: 512, height: 512, seed: 3 },
        inputs: [reference.hash],
      },
      count: 2,
    });
    const moderated = await result<{ jobs: Job[] }>('jobs:submit', {
      request: { model: 'flux-2-pro', prompt: 'forbidden [fake:request-moderated]', params: {}, inputs: [] },
    });
    const jobs = await waitSettled([...good.jobs, ...moderated.jobs].map((j) => j.id));
    expect(jobs.filter((j) => j.status === 'done')).toHaveLength(2);

    const page = await result<{ items: Generation[] }>('library:list', {});
    expect(page.items).toHaveLength(2);
    for (const generation of page.items) {
      await result('library:get', { id: generation.id });
      expect(await fetchPage(generation.imageUrl)).toBe(200);
      expect(await fetchPage(generation.thumbUrl)).toBe(200);
    }
    await result('library:export', { ids: page.items.map((g) => g.id), destination: exported });
    expect(fs.readdirSync(exported)).toContain('manifest.json');

    // A wrong key: the rejection message must not echo it.
    await result('key:set', { key: WRONG_KEY });
    expect(await call('key:test')).toMatchObject({ error: { code: 'KEY_REJECTED' } });
    expect(await call('credits:get')).toMatchObject({ error: { code: 'KEY_REJECTED' } });
    await result('key:set', { key: DEFAULT_FAKE_KEY });
    // Closing flushes the log and the database; reopening writes the start-up lines too.
    await core.close();
    core = await createCore({
      home,
      kind: 'web',
      version: 'test',
      env: { SEEDBANK_API_BASE: fake.apiBase },
      secretStore: new MemorySecretStore(),
      logger: silentLogger,
    });

    const written = [...filesUnder(home), ...filesUnder(exported)];
    expect(written.some((f) => f.endsWith('library.db'))).toBe(true);
    expect(written.some((f) => f.endsWith('.log'))).toBe(true);
    expect(written.some((f) => f.endsWith('settings.json'))).toBe(true);
    let leaks = 0;
    for (const secret of SECRETS) {
      for (const needle of needles(secret)) {
        for (const message of received) if (message.includes(needle)) leaks++;
        for (const file of written) {
          if (fs.readFileSync(file).includes(needle)) {
            leaks++;
            console.error(`the key was found in ${file}`);
          }
        }
      }
    }
    console.log(
      `[security] key containment: ${received.length} messages and bodies the page received and ${written.length} files scanned, ${leaks} leaks`,
    );
    expect(leaks).toBe(0);
  });
});
