/**
 * The library bench's "front door" rows: while a rebuild of the whole index or an import runs in
 * this process (as it does in the app's main process), how long does the event loop stall
 * (`monitorEventLoopDelay`, p99) and how soon is a gallery page answered? A `library:list`
 * request is sent every 100 ms; its time counts from the moment it was due (a request that
 * arrives while the loop is busy waits in the queue, as IPC and WebSocket messages do) to the
 * page being ready.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Library } from '../../electron/core/library/library';
import { benchTempDir, removeBenchTempDir } from '../../scripts/bench-temp.mjs';

const REQUEST_EVERY_MS = 100;

export interface FrontDoorFigures {
  /** What ran meanwhile, and how long it took. */
  workMs: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  listP50Ms: number;
  listP95Ms: number;
  listMaxMs: number;
  requests: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `work` while measuring the event loop and answering a first page every 100 ms. */
export async function measureFrontDoor(library: Library, work: () => Promise<unknown>): Promise<FrontDoorFigures> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const listMs: number[] = [];
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  const ask = (due: number) => {
    timer = setTimeout(
      () => {
        if (!running) return;
        library.list({ filter: {}, sort: 'newest', cursor: null, limit: 200 });
        const now = performance.now();
        listMs.push(now - due);
        // The next one is due 100 ms after this one was; after a long stall, 100 ms from now.
        ask(Math.max(due + REQUEST_EVERY_MS, now + 1));
      },
      Math.max(0, due - performance.now()),
    );
  };
  delay.enable();
  const started = performance.now();
  ask(started + REQUEST_EVERY_MS);
  await work();
  const workMs = performance.now() - started;
  running = false;
  clearTimeout(timer);
  delay.disable();
  return {
    workMs,
    eventLoopP99Ms: delay.percentile(99) / 1e6,
    eventLoopMaxMs: delay.max / 1e6,
    listP50Ms: percentile(listMs, 50),
    listP95Ms: percentile(listMs, 95),
    listMaxMs: Math.max(...listMs),
    requests: listMs.length,
  };
}

/** A folder holding the first `count` images of `imagesDir` (hard links where the disk allows). */
export function importSource(imagesDir: string, count: number): { dir: string; remove: () => void } {
  const dir = benchTempDir('import-source');
  let taken = 0;
  const walk = (from: string) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (taken >= count) return;
      const full = path.join(from, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !entry.name.startsWith('.')) {
        const target = path.join(dir, `${taken}-${entry.name}`);
        try {
          fs.linkSync(full, target);
        } catch {
          fs.copyFileSync(full, target);
        }
        taken++;
      }
    }
  };
  walk(imagesDir);
  return { dir, remove: () => removeBenchTempDir(dir) };
}

/** The rows the README shows for one kind of work. */
export function frontDoorRows(what: string, figures: FrontDoorFigures) {
  const r1 = (v: number) => Math.round(v * 10) / 10;
  return [
    {
      metric: `event-loop delay p99 during ${what}`,
      value: r1(figures.eventLoopP99Ms),
      unit: 'ms',
      target: '≤ 30 ms',
      ok: figures.eventLoopP99Ms <= 30,
    },
    {
      metric: `library:list answered during ${what}, max of ${figures.requests}`,
      value: r1(figures.listMaxMs),
      unit: 'ms',
      target: '≤ 50 ms',
      ok: figures.listMaxMs <= 50,
    },
  ];
}
