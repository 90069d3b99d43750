/**
 * The chaos run: batches of jobs through the real `seedbank` CLI (`generate`, then `resume`)
 * against the emulator in chaos mode, the CLI SIGKILLed at planned moments, then `seedbank resume`
 * until nothing is left — and the audit. Used by the short version in `npm test`
 * (chaos.test.ts) and the long one (`npm run chaos`). Everything it starts it stops, and its
 * library folder is removed, also when something fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { JobStatus } from '../../shared/types';
import { isFinal } from '../../shared/job-states';
import type { ChaosRates } from '../fake-bfl/chaos-plan';
import { startChaosBfl, type ChaosBfl } from '../fake-bfl/chaos';
import { cliEnv } from '../cli/cli-harness';
import { auditLibrary, type Audit } from './chaos-audit';
import { killAll, runBounded, runCycle } from './cli-cycle';
import { killLabel, planKills, submitsOnly } from './kill-plan';

export interface ChaosConfig {
  seed: number;
  batches: number;
  jobsPerBatch: number;
  /** Each round kills once at every exact moment. */
  killRounds: number;
  randomKills: number;
  /** The whole run; afterwards nothing new starts and the audit counts what is left unfinished. */
  deadlineMs: number;
  /** One CLI run longer than this is hung: it is killed and counted. */
  runTimeoutMs: number;
  /** One CLI run that exchanges nothing with BFL for this long is hung too. */
  idleMs: number;
  /** Poll answers held past the client's timeout, at most. */
  slowBudget: number;
  rates?: Partial<ChaosRates>;
  /** How long an emulated task runs. */
  taskMs?: number;
  log?: (line: string) => void;
  /** Keeps the library folder for a post-mortem (its path is logged). */
  keepHome?: boolean;
  /** Stops the run early (a test's cleanup): the CLI is killed, nothing new starts. */
  signal?: AbortSignal;
}

export interface ChaosResult {
  config: ChaosConfig;
  audit: Audit;
  killsPlanned: number;
  kills: Record<string, number>;
  cliRuns: number;
  hungRuns: string[];
  faults: Record<string, number>;
  /** Slow poll answers the CLI gave up on by its own timeout (not cut short by a kill). */
  slowTimedOut: number;
  elapsedMs: number;
}

const MODEL = 'flux-2-klein-4b';
const FORMATS = ['jpeg', 'png', 'webp'] as const;
/** `resume` runs after the last batch until there is nothing to resume, at most this often. */
const SETTLE_RUNS = 6;
/** `--help` or a listing takes well under a second; this long means it hangs. */
const SHORT_COMMAND_MS = 20_000;

function batchArgs(config: ChaosConfig, batch: number, confirmFlag: string[]): string[] {
  return [
    'generate',
    '--prompt',
    `chaos ${config.seed}/${batch}: a lighthouse at dusk`,
    '--model',
    MODEL,
    '--seed',
    String(batch * 1000),
    '--count',
    String(config.jobsPerBatch),
    '--width',
    '512',
    '--height',
    '512',
    '--format',
    FORMATS[batch % FORMATS.length]!,
    '--json',
    ...confirmFlag,
  ];
}

function queryDb<T>(home: string, sql: string, ...args: string[]): T[] {
  const file = path.join(home, 'library.db');
  if (!fs.existsSync(file)) return [];
  const db = new DatabaseSync(file);
  try {
    return db.prepare(sql).all(...args) as unknown as T[];
  } finally {
    db.close();
  }
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

/** `seedbank jobs --state unknown --json` where that command exists, else null. */
async function unknownJobsFromCli(env: NodeJS.ProcessEnv): Promise<Set<string> | null> {
  const result = await runBounded(['jobs', '--state', 'unknown', '--limit', '5000', '--json'], env, SHORT_COMMAND_MS);
  if (result.code !== 0) return null;
  const ids = new Set<string>();
  const text = result.stdout.trim();
  const values: unknown[] = text.startsWith('[')
    ? (JSON.parse(text) as unknown[])
    : text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown);
  for (const value of values) {
    if (!value || typeof value !== 'object') continue;
    const { id, jobId } = value as { id?: unknown; jobId?: unknown };
    if (typeof id === 'string') ids.add(id);
    if (typeof jobId === 'string') ids.add(jobId);
  }
  return ids;
}

export async function runChaos(config: ChaosConfig): Promise<ChaosResult> {
  const log = config.log ?? (() => undefined);
  const started = Date.now();
  const deadline = started + config.deadlineMs;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-chaos-'));
  let chaos: ChaosBfl | null = null;
  config.signal?.addEventListener('abort', killAll);
  try {
    chaos = await startChaosBfl({
      seed: config.seed,
      slowBudget: config.slowBudget,
      ...(config.rates ? { rates: config.rates } : {}),
      emulator: { taskMs: config.taskMs ?? 300, credits: 1e9, maxImageSide: 96 },
    });
    const env = cliEnv({ home, apiBase: chaos.apiBase });
    // The spend guard (issue 12 item 8) asks before a batch; the harness says yes where it can.
    const help = await runBounded(['generate', '--help'], env, SHORT_COMMAND_MS);
    const confirmFlag = /--yes\b/.test(help.stdout) ? ['--yes'] : [];

    const plan = planKills(config.seed, config.killRounds, config.randomKills);
    const pending = [...plan];
    const kills: Record<string, number> = {};
    const hungRuns: string[] = [];
    let cliRuns = 0;
    const run = async (args: string[], allowKill = true) => {
      // Only `generate` submits for sure; `resume` gets the kills it can reach, in plan order.
      const index = !allowKill ? -1 : pending.findIndex((k) => args[0] === 'generate' || !submitsOnly(k));
      const kill = index >= 0 ? pending[index]! : null;
      const limits = {
        timeoutMs: Math.max(1_000, Math.min(config.runTimeoutMs, deadline - Date.now())),
        idleMs: config.idleMs,
      };
      const result = await runCycle(chaos!, args, env, kill, limits);
      cliRuns += 1;
      if (result.killed && kill) {
        pending.splice(index, 1);
        kills[killLabel(kill)] = (kills[killLabel(kill)] ?? 0) + 1;
      }
      if (result.hung?.startsWith('still running') && limits.timeoutMs < config.runTimeoutMs)
        result.hung = "cut off at the whole run's deadline";
      if (result.hung) hungRuns.push(`${args[0]}: ${result.hung}; its last words: ${lastLine(result.stderrTail)}`);
      log(
        `  ${args[0]} → ${result.hung ? `HUNG (${result.hung})` : result.killed ? `killed at ${killLabel(kill!)}` : `exit ${result.code}`}`,
      );
      return result;
    };
    const pastDeadline = () => Date.now() >= deadline || config.signal?.aborted === true;
    const unfinished = () =>
      queryDb<{ status: JobStatus }>(home, 'SELECT status FROM jobs').filter((r) => !isFinal(r.status)).length;

    for (let batch = 0; batch < config.batches && !pastDeadline(); batch++) {
      log(`batch ${batch + 1}/${config.batches}`);
      const args = batchArgs(config, batch, confirmFlag);
      // A kill before the jobs were queued leaves nothing behind: queue the batch again.
      for (let tries = 0; tries < 3 && !pastDeadline(); tries++) {
        await run(args);
        const queued = queryDb<{ n: number }>(home, 'SELECT count(*) AS n FROM jobs WHERE prompt = ?', args[2]!)[0];
        if ((queued?.n ?? 0) > 0) break;
      }
      if (!pastDeadline()) await run(['resume', '--json']);
    }
    // Kills not reached yet get their chance while work is left, then resume runs undisturbed.
    while (pending.length > 0 && !pastDeadline() && unfinished() > 0) await run(['resume', '--json']);
    for (let i = 0; i < SETTLE_RUNS && !pastDeadline(); i++) {
      const result = await run(['resume', '--json'], false);
      if (/Nothing to resume/.test(result.stderrTail) && unfinished() === 0) break;
    }

    const unknownFromCli = await unknownJobsFromCli(env);
    const audit = await auditLibrary(home, chaos, unknownFromCli);
    audit.problems['no-hung-runs'].push(...hungRuns);
    if (unknownFromCli === null)
      audit.notes.push('`seedbank jobs` is not available: unknown jobs were checked in the database');
    return {
      config,
      audit,
      killsPlanned: plan.length,
      kills,
      cliRuns,
      hungRuns,
      faults: { ...chaos.plan.injected },
      slowTimedOut: chaos.slowAnswersTimedOut(),
      elapsedMs: Date.now() - started,
    };
  } finally {
    config.signal?.removeEventListener('abort', killAll);
    killAll();
    await chaos?.close();
    if (config.keepHome) log(`library kept in ${home}`);
    else fs.rmSync(home, { recursive: true, force: true });
  }
}
