/**
 * The API key never reaches the renderer, a log line, an error message, the database or a file.
 * This runs the whole core the way the app does — key stored, images generated, a rejected key,
 * a moderated prompt — then scans every answer and event a front door saw and every byte Seedbank
 * wrote under its home folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl } from '../fake-bfl';
import { createCore, type Core } from '../../electron/core/app-core';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import type { Job } from '../../shared/types';
import { FINAL_JOB_STATUSES } from '../../shared/job-states';
import { silentLogger } from '../../electron/core/logging/logger';

/** An in-process keychain stand-in: the real keychain has its own tests; here the scan is the point. */
function memoryStore(): SecretStore {
  let value: string | null = null;
  return {
    get: async () => value,
    set: async (v) => {
      value = v;
    },
    delete: async () => {
      value = null;
    },
  };
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe('the API key never leaks', () => {
  let fake: FakeBfl;
  let home: string;
  let core: Core;
  const seen: string[] = [];

  beforeAll(async () => {
    fake = await startFakeBfl({ taskMs: 30 });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-leak-'));
    core = await createCore({
      home,
      kind: 'test',
      version: 'test',
      env: { SEEDBANK_API_BASE: fake.apiBase },
      secretStore: memoryStore(),
    });
    core.ctx.bus.subscribe((channel, payload) => seen.push(JSON.stringify({ channel, payload })));
  });

  afterAll(async () => {
    await core?.close();
    await fake?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const call = async (channel: string, payload?: unknown) => {
    const envelope = await core.dispatch(channel, payload);
    seen.push(JSON.stringify(envelope));
    return envelope;
  };

  const waitSettled = async (ids: string[]): Promise<Job[]> => {
    for (let i = 0; i < 400; i++) {
      const answer = await core.dispatch('jobs:list', {});
      const jobs = 'result' in answer ? (answer.result as Job[]) : [];
      const mine = jobs.filter((j) => ids.includes(j.id));
      if (mine.length === ids.length && mine.every((j) => FINAL_JOB_STATUSES.includes(j.status))) return mine;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('jobs did not settle');
  };

  it('after storing a key, generating, and failing in every common way', async () => {
    await call('key:set', { key: DEFAULT_FAKE_KEY });
    await call('key:status');
    await call('key:test');
    const good = await call('jobs:submit', {
      request: {
        model: 'flux-2-klein-4b',
        prompt: 'a lighthouse at dusk',
        params: { width: 512, height: 512, seed: 3 },
        inputs: [],
      },
      count: 2,
    });
    const moderated = await call('jobs:submit', {
      request: { model: 'flux-2-pro', prompt: 'forbidden [fake:request-moderated]', params: {}, inputs: [] },
    });
    const ids = [good, moderated].flatMap((e) =>
      'result' in e ? (e.result as { jobs: Job[] }).jobs.map((j) => j.id) : [],
    );
    expect(ids).toHaveLength(3);
    const jobs = await waitSettled(ids);
    expect(jobs.filter((j) => j.status === 'done')).toHaveLength(2);
    await call('library:list', {});

    // A wrong key: the rejection message must not echo it.
    await call('key:set', { key: 'wrong-key-that-bfl-refuses-0000' });
    const rejected = await call('key:test');
    expect(rejected).toMatchObject({ error: { code: 'KEY_REJECTED' } });
    await call('key:set', { key: DEFAULT_FAKE_KEY });
    await core.close();
    core = await createCore({
      home,
      kind: 'test',
      version: 'test',
      env: { SEEDBANK_API_BASE: fake.apiBase },
      secretStore: memoryStore(),
      logger: silentLogger,
    });

    const secrets = [DEFAULT_FAKE_KEY, 'wrong-key-that-bfl-refuses-0000'];
    for (const text of seen) for (const secret of secrets) expect(text).not.toContain(secret);
    const written = filesUnder(home);
    expect(written.some((f) => f.endsWith('library.db'))).toBe(true);
    expect(written.some((f) => f.endsWith('.log'))).toBe(true);
    for (const file of written) {
      const bytes = fs.readFileSync(file);
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${file} contains the key`).toBe(false);
    }
  });
});
