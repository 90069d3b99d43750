/**
 * For the job tests: a real core (real SQLite in a temp folder, real library) talking over real
 * HTTP to the BFL emulator, with the key from the environment (no keychain needed) and every
 * event recorded.
 */
import path from 'node:path';
import type { EventChannel, RequestChannel, RequestPayload, RequestResult } from '../../shared/api';
import { unwrapEnvelope } from '../../shared/bridge';
import type { Job, Settings } from '../../shared/types';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import { createCore, type Core } from '../../electron/core/app-core';
import { createFileLogger } from '../../electron/core/logging/logger';
import { appPaths } from '../../electron/core/paths';
import { createSettingsService } from '../../electron/core/settings/settings-service';
import { makeTempDir, removeTempDir } from './temp';

export interface TestCore {
  core: Core;
  home: string;
  events: { channel: EventChannel; payload: unknown }[];
  call<C extends RequestChannel>(channel: C, payload?: RequestPayload<C>): Promise<RequestResult<C>>;
  jobEvents(id: string): Job[];
  close(): Promise<void>;
}

export interface TestCoreOptions {
  apiBase: string;
  key?: string | null;
  home?: string;
  settings?: Partial<Settings>;
  /** Settings written before the core starts (those it reads once at start, e.g. which library). */
  settingsAtStart?: Partial<Settings>;
  /** The page's URL for a library file (the web host's `/asset/<token>/…` in tests that serve files). */
  assetUrl?: (relativePath: string) => string;
}

export function tempHome(prefix = 'seedbank-jobs-'): string {
  return makeTempDir(prefix);
}

export async function openTestCore(options: TestCoreOptions): Promise<TestCore> {
  const home = options.home ?? tempHome();
  const env: NodeJS.ProcessEnv = { SEEDBANK_API_BASE: options.apiBase };
  if (options.key !== null) env.BFL_API_KEY = options.key ?? 'bfl-fake-key-0001';
  if (options.settingsAtStart) {
    const logger = createFileLogger({ directory: path.join(home, 'logs') });
    createSettingsService({ directory: appPaths(home).settingsDir, env, logger }).update(options.settingsAtStart);
  }
  const core = await createCore({
    home,
    env,
    kind: 'test',
    version: '0.0.0-test',
    secretStore: null,
    logger: createFileLogger({ directory: path.join(home, 'logs') }),
    resumeJobs: false,
    ...(options.assetUrl ? { assetUrl: options.assetUrl } : {}),
  });
  if (options.settings) core.ctx.settings.update(options.settings);
  const events: TestCore['events'] = [];
  core.ctx.bus.subscribe((channel, payload) => events.push({ channel, payload }));
  return {
    core,
    home,
    events,
    async call(channel, payload) {
      return unwrapEnvelope(await core.dispatch(channel, payload)) as RequestResult<typeof channel>;
    },
    jobEvents: (id) =>
      events.filter((e) => e.channel === 'jobs:changed' && (e.payload as Job).id === id).map((e) => e.payload as Job),
    close: () => core.close(),
  };
}

/** A fresh emulator and a core talking to it, as most job tests start. */
export interface EmulatorCore {
  fake: FakeBfl;
  t: TestCore;
}

export async function openEmulatorCore(): Promise<EmulatorCore> {
  const fake = await startFakeBfl();
  const t = await openTestCore({ apiBase: fake.apiBase });
  return { fake, t };
}

/** Closes the core and the emulator, then removes the core's folder (tests make many). */
export async function closeEmulatorCore({ fake, t }: EmulatorCore): Promise<void> {
  await t.close();
  await fake.close();
  removeTempDir(t.home);
}

/** A request for the fast emulator model (klein: about a second expected, so the first poll is early). */
export function kleinRequest(prompt: string, params: Record<string, unknown> = {}) {
  return { model: 'flux-2-klein-4b', prompt, params: { width: 256, height: 256, ...params }, inputs: [] as string[] };
}

/** Waits until `check` holds (event-driven code has no single promise to await). */
export async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
