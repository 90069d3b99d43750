/**
 * One run of the real `seedbank` CLI in the chaos run: started as a child process, SIGKILLed at
 * the planned moment (the emulator's hook says when) or after the planned delay, and killed as
 * hung when it talks to nobody for `idleMs` (no exchange open, none begun or ended) or outlives
 * its time limit — so a run that would wait forever fails instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChaosBfl, ChaosHook } from '../fake-bfl/chaos';
import { BIN, ROOT, startCli, type CliResult } from '../cli/cli-harness';
import type { PlannedKill } from './kill-plan';

export interface CycleLimits {
  /** The longest a run may take. */
  timeoutMs: number;
  /** The longest a live run may go without any exchange with the emulator. */
  idleMs: number;
}

export interface CycleResult {
  /** The planned kill happened in this run. */
  killed: boolean;
  /** Why the run was killed as hung, if it was. */
  hung: string | null;
  code: number | null;
  /** The end of stderr, for the report. */
  stderrTail: string;
}

const TAIL = 2_000;
const WATCH_EVERY_MS = 250;
/** How long a SIGKILLed child may take to be gone before the harness gives up on it. */
const EXIT_WAIT_MS = 5_000;

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Children still running, so a failing test can kill them all in its cleanup. */
export const liveChildren = new Set<ChildProcess>();

export function killAll(): void {
  for (const child of liveChildren) child.kill('SIGKILL');
}

export async function runCycle(
  chaos: ChaosBfl,
  args: string[],
  env: NodeJS.ProcessEnv,
  kill: PlannedKill | null,
  limits: CycleLimits,
): Promise<CycleResult> {
  const spawnedAt = Date.now();
  const child = startCli(args, env);
  liveChildren.add(child);
  const exited = exitOf(child);
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-TAIL)));
  child.stdin?.end();
  let killed = false;
  let hung: string | null = null;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const sigkill = async () => {
    child.kill('SIGKILL');
    await withTimeout(exited, EXIT_WAIT_MS);
  };

  const timers: NodeJS.Timeout[] = [];
  if (kill?.kind === 'moment') {
    const hook: ChaosHook = async (info) => {
      // Requests a killed predecessor left in flight are not this run's moments.
      if (killed || info.moment !== kill.moment || info.arrivedAt < spawnedAt || !alive()) return;
      killed = true;
      await sigkill();
      // Killed before the submit reached BFL: it never arrives, so no task is made.
      return info.moment === 'submit-received' ? 'drop' : undefined;
    };
    chaos.setHook(hook);
  } else if (kill?.kind === 'random') {
    timers.push(
      setTimeout(() => {
        if (!alive()) return;
        killed = true;
        void sigkill();
      }, kill.afterMs),
    );
  }
  const watchdog = setInterval(() => {
    if (!alive() || hung) return;
    const { inFlight, lastAt } = chaos.activity();
    const now = Date.now();
    if (now - spawnedAt > limits.timeoutMs) hung = `still running after ${Math.round(limits.timeoutMs / 1000)} s`;
    else if (inFlight === 0 && now - Math.max(lastAt, spawnedAt) > limits.idleMs)
      hung = `no exchange with BFL for ${Math.round(limits.idleMs / 1000)} s`;
    if (hung) void sigkill();
  }, WATCH_EVERY_MS);
  try {
    await exited;
  } finally {
    clearInterval(watchdog);
    for (const timer of timers) clearTimeout(timer);
    chaos.setHook(null);
    liveChildren.delete(child);
  }
  return { killed, hung, code: child.exitCode, stderrTail: stderr };
}

/**
 * A short CLI command (help, listing) with a time limit: killed and reported when it overruns.
 * Its stdout goes to a file, as in a terminal: the CLI exits with `process.exit`, which drops
 * whatever a pipe has not taken yet (the report names that bug), and the listing must be whole.
 */
export async function runBounded(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-chaos-out-'));
  const out = path.join(dir, 'stdout');
  const fd = fs.openSync(out, 'w');
  try {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', fd, 'pipe'] });
    liveChildren.add(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c) => resolve(c));
    }).finally(() => {
      clearTimeout(timer);
      liveChildren.delete(child);
    });
    if (code === null) throw new Error(`seedbank ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`);
    return { code, stdout: fs.readFileSync(out, 'utf8'), stderr };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
