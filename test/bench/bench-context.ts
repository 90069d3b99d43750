/**
 * What the library benches share: a core context over a library folder (no network, no keys,
 * silent log) and the timing helpers.
 */
import { performance } from 'node:perf_hooks';
import type { CoreContext } from '../../electron/core/context';
import { EventBus } from '../../electron/core/events';
import { openDatabase } from '../../electron/core/library/db/database';
import { silentLogger } from '../../electron/core/logging/logger';
import { appPaths } from '../../electron/core/paths';

export function benchContext(home: string): CoreContext {
  const none = async () => {
    throw new Error('not in the benchmark');
  };
  return {
    paths: appPaths(home),
    logger: silentLogger,
    bus: new EventBus(),
    settings: {
      get: () => ({}) as never,
      update: () => ({}) as never,
      notice: null,
      apiBase: () => '',
      apiBaseFromEnvironment: false,
      watchList: () => [],
      setWatchList: () => {},
    },
    keys: { getKey: async () => null, status: none, set: none, clear: none },
    db: openDatabase(appPaths(home).database),
    fetch: none,
    now: () => new Date(),
    assetUrl: (p) => `seedbank-asset://library/${p}`,
    ownerId: 'bench',
    version: 'bench',
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function time(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function repeat(times: number, work: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await time(() => work(i)));
  return out;
}
