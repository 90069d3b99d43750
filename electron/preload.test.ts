/**
 * The real preload bundle, built with the project's own electron-vite config (the preload
 * section only, into a temporary folder), run in a bare `vm` context whose `require` offers
 * nothing but a stub `electron` — as a sandboxed preload's does. It proves the bundle needs
 * nothing else and exposes exactly `window.seedbank`, derived from the contract.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test/support/temp';
import { EVENT_CHANNELS, EVENT_IPC_CHANNEL, REQUEST_CHANNELS } from '../shared/api';
import { eventMethodName } from '../shared/bridge';

const projectRoot = path.resolve(__dirname, '..');
let outDir: string;
let bundle: string;

async function buildPreload(): Promise<string> {
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const resolved = await resolveConfig({ root: projectRoot, logLevel: 'silent' }, 'build', 'production');
  const preload = resolved.config?.preload;
  if (!preload) throw new Error('electron.vite.config.ts has no preload section');
  await build({ ...preload, logLevel: 'silent', build: { ...preload.build, outDir, emptyOutDir: true } });
  return fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
}

type Listener = (event: unknown, message: unknown) => void;

interface Harness {
  required: string[];
  exposed: Map<string, unknown>;
  invoked: { channel: string; payload: unknown }[];
  listeners: Map<string, Set<Listener>>;
  answers: Map<string, unknown>;
}

/** Runs the bundle as CommonJS in a fresh context; only `electron` can be required. */
function loadPreload(code: string): Harness {
  const h: Harness = { required: [], exposed: new Map(), invoked: [], listeners: new Map(), answers: new Map() };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        h.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        h.invoked.push({ channel, payload });
        return h.answers.get(channel) ?? { result: { channel } };
      },
      on: (channel: string, listener: Listener) => {
        if (!h.listeners.has(channel)) h.listeners.set(channel, new Set());
        h.listeners.get(channel)?.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => {
        h.listeners.get(channel)?.delete(listener);
      },
    },
  };
  const requireStub = (name: string) => {
    h.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require '${name}'`);
  };
  const context = vm.createContext({});
  const wrapper = vm.runInContext(
    `(function (exports, require, module, __filename, __dirname) {${code}\n})`,
    context,
  ) as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper(module.exports, requireStub, module, '/preload.cjs', '/');
  return h;
}

function emit(h: Harness, channel: string, payload: unknown) {
  for (const listener of h.listeners.get(EVENT_IPC_CHANNEL) ?? []) listener({}, { channel, payload });
}

function api(h: Harness): Record<string, unknown> {
  return h.exposed.get('seedbank') as Record<string, unknown>;
}

beforeAll(async () => {
  outDir = makeTempDir('seedbank-preload-');
  bundle = await buildPreload();
}, 120_000);

describe('the preload bundle', () => {
  it('is one CommonJS file that requires only electron', () => {
    const h = loadPreload(bundle);
    expect(new Set(h.required)).toEqual(new Set(['electron']));
    expect(bundle).not.toMatch(/\bimport\s*\(/);
  });

  it('exposes exactly one global: seedbank', () => {
    const h = loadPreload(bundle);
    expect([...h.exposed.keys()]).toEqual(['seedbank']);
  });

  it('offers a method for every contract channel and nothing else', () => {
    const seedbank = api(loadPreload(bundle));
    const expected = new Map<string, Set<string>>();
    for (const channel of REQUEST_CHANNELS) {
      const [domain = '', verb = ''] = channel.split(':');
      if (!expected.has(domain)) expected.set(domain, new Set());
      expected.get(domain)?.add(verb);
    }
    const eventMethods = EVENT_CHANNELS.map(eventMethodName);
    expect(new Set(Object.keys(seedbank))).toEqual(new Set([...expected.keys(), ...eventMethods]));
    for (const [domain, verbs] of expected) {
      const group = seedbank[domain] as Record<string, unknown>;
      expect(new Set(Object.keys(group)), domain).toEqual(verbs);
      for (const verb of verbs) expect(typeof group[verb], `${domain}:${verb}`).toBe('function');
    }
    for (const name of eventMethods) expect(typeof seedbank[name], name).toBe('function');
  });

  it('sends each call over ipcRenderer.invoke on its own channel and unwraps the answer', async () => {
    const h = loadPreload(bundle);
    const seedbank = api(h);
    for (const channel of REQUEST_CHANNELS) {
      const [domain = '', verb = ''] = channel.split(':');
      const call = (seedbank[domain] as Record<string, (p?: unknown) => Promise<unknown>>)[verb];
      expect(await call?.({ probe: channel })).toEqual({ channel });
    }
    expect(h.invoked.map((i) => i.channel)).toEqual(REQUEST_CHANNELS);
    expect(h.invoked[0]?.payload).toEqual({ probe: REQUEST_CHANNELS[0] });
  });

  it('turns an error envelope into a thrown error with its stable code', async () => {
    const h = loadPreload(bundle);
    h.answers.set('key:test', { error: { code: 'KEY_REJECTED', message: 'BFL refused the key' } });
    const key = api(h).key as Record<string, () => Promise<unknown>>;
    await expect(key.test?.()).rejects.toMatchObject({ code: 'KEY_REJECTED', message: 'BFL refused the key' });
  });

  it('delivers each event to its own onX subscribers until they unsubscribe', () => {
    const h = loadPreload(bundle);
    const seedbank = api(h);
    for (const channel of EVENT_CHANNELS) {
      const seen: unknown[] = [];
      const subscribe = seedbank[eventMethodName(channel)] as (cb: (p: unknown) => void) => () => void;
      const unsubscribe = subscribe((payload) => seen.push(payload));
      expect(typeof unsubscribe, channel).toBe('function');
      emit(h, channel, { n: 1 });
      const other = EVENT_CHANNELS.find((c) => c !== channel) ?? channel;
      emit(h, other, { n: 'other' });
      unsubscribe();
      emit(h, channel, { n: 2 });
      expect(seen, channel).toEqual([{ n: 1 }]);
    }
    // One IPC listener serves every subscription.
    expect(h.listeners.get(EVENT_IPC_CHANNEL)?.size).toBe(1);
  });

  it('refuses a subscription without a callback', () => {
    const seedbank = api(loadPreload(bundle));
    const subscribe = seedbank[eventMethodName('jobs:changed')] as (cb: unknown) => unknown;
    expect(() => subscribe('not a function')).toThrow(/callback must be a function/);
  });
});
