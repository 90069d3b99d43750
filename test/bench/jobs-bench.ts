/**
 * Job runner benchmark: 120 jobs against the emulator with 4 s of simulated generation and an
 * active-task limit of 24, through the real core (real SQLite, real library, real HTTP).
 * Ideal wall time is 120 / 24 × 4 s = 20 s. Writes bench/jobs.json and prints a table.
 *
 * The emulator runs in its own process (as BFL is remote), so the overhead and the peak RSS are
 * Seedbank's alone. Run (the emulator is built by build-node):
 *   node scripts/build-node.mjs
 *   npx esbuild test/bench/jobs-bench.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=out/bench/jobs-bench.mjs && node out/bench/jobs-bench.mjs
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/app-core';
import type { Logger } from '../../electron/core/logging/logger';
import type { Job } from '../../shared/types';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { DEFAULT_FAKE_KEY } from '../fake-bfl';

const JOBS = Number(process.env.BENCH_JOBS ?? 120);
const TASK_MS = 4_000;
const LIMIT = 24;
const BUDGET = 20;
const MODEL = process.env.BENCH_MODEL ?? 'flux-2-klein-4b';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Keeps the runner's per-job timings (download, store) from its log lines. */
interface Timings {
  downloadMs: number[];
  storeMs: number[];
  refusals: number;
}

function timingLogger(into: Timings): Logger {
  const ignore = () => {};
  return {
    file: null,
    debug: ignore,
    error: ignore,
    warn(message, fields) {
      const error = fields?.error as { code?: string } | undefined;
      if (message === 'submit refused for now; waiting' && error?.code === 'RATE_LIMITED') into.refusals += 1;
    },
    info(message, fields) {
      if (message !== 'job done' || !fields) return;
      into.downloadMs.push(Number(fields.downloadMs));
      into.storeMs.push(Number(fields.storeMs));
    },
  };
}

/** Starts the built emulator (`out/fake-bfl/main.mjs`) and reads its API base. */
async function startEmulator(): Promise<{ apiBase: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['out/fake-bfl/main.mjs', '--task-ms', String(TASK_MS), '--credits', '1000000'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [apiBase] = (await once(lines, 'line')) as [string];
  return { apiBase: apiBase.trim(), child };
}

async function main(): Promise<void> {
  const timings: Timings = { downloadMs: [], storeMs: [], refusals: 0 };
  const fake = await startEmulator();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-bench-'));
  const core = await createCore({
    home,
    env: { BFL_API_KEY: DEFAULT_FAKE_KEY, SEEDBANK_API_BASE: fake.apiBase },
    kind: 'test',
    version: 'bench',
    secretStore: null,
    logger: timingLogger(timings),
    resumeJobs: false,
  });
  core.ctx.settings.update({ maxActiveTasks: LIMIT, pollBudgetPerSecond: BUDGET });

  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const doneAt = new Map<string, number>();
  core.ctx.bus.subscribe((channel, payload) => {
    if (channel === 'jobs:changed' && (payload as Job).status === 'done') doneAt.set((payload as Job).id, Date.now());
  });

  const started = Date.now();
  // The contract caps a batch at 100: send the jobs as batches of at most 60.
  const ids: string[] = [];
  for (let left = JOBS; left > 0; left -= 60) {
    const envelope = await core.dispatch('jobs:submit', {
      request: { model: MODEL, prompt: 'a bench of seeds', params: { width: 256, height: 256 }, inputs: [] },
      count: Math.min(60, left),
      seedMode: 'random',
      // The bench measures the runner, not the person's spend confirmation.
      confirmed: true,
    });
    if ('error' in envelope) throw new Error(envelope.error.message);
    ids.push(...(envelope.result as { jobs: Job[] }).jobs.map((j) => j.id));
  }
  const jobs = await core.runner.waitFor(ids);
  const wallMs = Date.now() - started;
  clearInterval(rssTimer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);

  const rows = core.runner.store.getMany(ids);
  const overheads = rows
    .filter((r) => r.ready_at && doneAt.has(r.id))
    .map((r) => doneAt.get(r.id)! - Date.parse(r.ready_at!));
  // Time from the moment the submit was sent to the poll that saw Ready, beyond the task's own 4 s.
  const lateness = rows
    .filter((r) => r.ready_at && r.submitted_at)
    .map((r) => Date.parse(r.ready_at!) - Date.parse(r.submitted_at!) - TASK_MS);
  const polls = rows.reduce((sum, r) => sum + r.polls, 0);
  const refusals = timings.refusals;
  const idealMs = (JOBS / LIMIT) * TASK_MS;
  const result = {
    when: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${os.arch()} ${os.cpus().length} CPUs`,
    model: MODEL,
    jobs: JOBS,
    done: jobs.filter((j) => j.status === 'done').length,
    taskMs: TASK_MS,
    activeLimit: LIMIT,
    pollBudgetPerSecond: BUDGET,
    wallSeconds: round(wallMs / 1000),
    idealSeconds: round(idealMs / 1000),
    ratio: round(wallMs / idealMs, 3),
    overheadMedianMs: round(percentile(overheads, 50), 1),
    overheadP95Ms: round(percentile(overheads, 95), 1),
    downloadMedianMs: round(percentile(timings.downloadMs, 50), 1),
    storeMedianMs: round(percentile(timings.storeMs, 50), 1),
    readySeenLateMedianMs: round(percentile(lateness, 50), 1),
    readySeenLateP95Ms: round(percentile(lateness, 95), 1),
    pollsPerJob: round(polls / JOBS),
    pollsPerSecond: round(polls / (wallMs / 1000)),
    http429Total: refusals,
    http429AfterFirst: Math.max(0, refusals - 1),
    peakRssMb: round(peakRss / 1024 / 1024, 1),
    note: 'emulator in its own process; polls and 429s counted on the Seedbank side; peak RSS of the Seedbank process',
  };
  await core.close();
  fake.child.kill('SIGTERM');
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync('bench', { recursive: true });
  fs.writeFileSync(path.join('bench', 'jobs.json'), `${JSON.stringify(result, null, 2)}\n`);

  const table: [string, string, string][] = [
    ['wall time / ideal', `${result.wallSeconds} s / ${result.idealSeconds} s = ${result.ratio}`, '≤ 1.15'],
    ['overhead Ready → stored+event (median)', `${result.overheadMedianMs} ms`, '≤ 60 ms'],
    ['overhead Ready → stored+event (p95)', `${result.overheadP95Ms} ms`, '≤ 150 ms'],
    ['  of which download / store (median)', `${result.downloadMedianMs} / ${result.storeMedianMs} ms`, ''],
    [
      'Ready seen after submit + 4 s (median / p95)',
      `${result.readySeenLateMedianMs} / ${result.readySeenLateP95Ms} ms`,
      '',
    ],
    ['polls per job', String(result.pollsPerJob), ''],
    ['polls per second', String(result.pollsPerSecond), `≤ ${BUDGET}`],
    ['429s after the first', String(result.http429AfterFirst), '0'],
    ['peak RSS', `${result.peakRssMb} MB`, '≤ 250 MB'],
    ['jobs done', `${result.done} / ${JOBS}`, ''],
  ];
  const width = Math.max(...table.map((r) => r[0].length));
  for (const [name, value, target] of table) console.log(`${name.padEnd(width)}  ${value.padEnd(28)} ${target}`);
}

void main();
