/**
 * Issue 11 item 1: the API key goes only to the configured API base and BFL's own https hosts.
 * A second local HTTP server stands in for a thief; whatever the page or a holder of the web
 * host's token asks of `settings:update`, the thief must never receive an `x-key`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app-core';
import type { FetchLike } from '../../electron/core/context';
import { silentLogger } from '../../electron/core/logging/logger';
import { apiBaseOverride } from '../../electron/core/settings/defaults';
import { startThief, type Thief } from './thief';

const KEY = 'bfl-thief-test-key-0001';

describe('the key goes only to BFL', () => {
  let home: string;
  let thief: Thief;
  let core: Core;
  /** Hosts the core tried to reach; nothing leaves this machine (BFL's real hosts are refused here). */
  const attempted: string[] = [];
  const localOnly: FetchLike = (input, init) => {
    const url = new URL(String(input));
    attempted.push(url.host);
    if (url.hostname !== '127.0.0.1') return Promise.reject(new TypeError('fetch failed: offline in tests'));
    return fetch(url, init);
  };

  beforeEach(async () => {
    attempted.length = 0;
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-thief-'));
    thief = await startThief();
    core = await createCore({
      home,
      kind: 'test',
      version: 'test',
      env: { BFL_API_KEY: KEY },
      secretStore: null,
      fetch: localOnly,
      logger: silentLogger,
      resumeJobs: false,
    });
  });

  afterEach(async () => {
    await core.close();
    await thief.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('settings:update refuses a custom API base, so key:test and credits never reach another host', async () => {
    const answer = await core.dispatch('settings:update', { region: 'custom', customApiBase: thief.url });
    expect(answer).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    await core.dispatch('key:test', {});
    await core.dispatch('credits:get', {});
    expect(thief.keysSeen).toEqual([]);
    expect(attempted.every((host) => host === 'api.bfl.ai')).toBe(true);
  });

  it('a region setting picks only among BFL hosts', async () => {
    for (const region of ['global', 'eu', 'us'] as const) {
      const answer = await core.dispatch('settings:update', { region });
      const base = 'result' in answer ? (answer.result as { apiBase: string }).apiBase : '';
      expect(base).toMatch(/^https:\/\/api(\.eu|\.us)?\.bfl\.ai$/);
    }
  });

  it('a settings file naming a custom base (written by an older version or another process) is not obeyed', async () => {
    await core.close();
    fs.writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ region: 'custom', customApiBase: thief.url }));
    core = await createCore({
      home,
      kind: 'test',
      version: 'test',
      env: { BFL_API_KEY: KEY },
      secretStore: null,
      fetch: localOnly,
      logger: silentLogger,
      resumeJobs: false,
    });
    expect(core.ctx.settings.apiBase()).toBe('https://api.bfl.ai');
    expect(core.ctx.settings.notice).toMatch(/custom API address .* no longer used/);
    await core.dispatch('key:test', {});
    expect(thief.keysSeen).toEqual([]);
  });
});

describe('SEEDBANK_API_BASE, the only way to another API base', () => {
  const env = { SEEDBANK_API_BASE: 'http://127.0.0.1:4010/' };

  it('is honoured by the CLI, the web host and an unpackaged app', () => {
    expect(apiBaseOverride({ env, packaged: false, argv: [] })).toBe('http://127.0.0.1:4010');
  });

  it('is ignored by the packaged app unless started with --dev-api-base', () => {
    expect(apiBaseOverride({ env, packaged: true, argv: ['/opt/Seedbank/seedbank'] })).toBeNull();
    expect(apiBaseOverride({ env, packaged: true, argv: ['/opt/Seedbank/seedbank', '--dev-api-base'] })).toBe(
      'http://127.0.0.1:4010',
    );
  });

  it('must be an http(s) address without credentials', () => {
    expect(apiBaseOverride({ env: { SEEDBANK_API_BASE: 'file:///etc/passwd' }, packaged: false, argv: [] })).toBeNull();
    expect(
      apiBaseOverride({ env: { SEEDBANK_API_BASE: 'http://user:pw@127.0.0.1:1' }, packaged: false, argv: [] }),
    ).toBeNull();
  });
});
