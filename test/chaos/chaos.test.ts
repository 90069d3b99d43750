/**
 * The short chaos run inside `npm test` (issue 12, "Then prove it"): about 150 jobs through the
 * real CLI against the emulator in chaos mode, the CLI SIGKILLed once at every exact moment of a
 * job's life and at random, resumed until done — then each promise checked on its own. The long
 * run is `npm run chaos`. Each run is bounded (hung CLI runs are killed and counted), so a hang
 * fails here instead of waiting forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../cli/cli-harness';
import { killAll } from './cli-cycle';
import type { Check } from './chaos-audit';
import { formatChaos } from './chaos-report';
import { runChaos, type ChaosResult } from './chaos-run';
import { EXACT_MOMENTS } from './kill-plan';

const stop = new AbortController();
let result: ChaosResult;
let running: Promise<ChaosResult> | null = null;

beforeAll(async () => {
  buildCli();
  running = runChaos({
    seed: 12,
    batches: 6,
    jobsPerBatch: 25,
    killRounds: 1,
    randomKills: 2,
    deadlineMs: 100_000,
    runTimeoutMs: 60_000,
    idleMs: 15_000,
    // Fewer jobs than the long run: rarer faults come more often, so each kind is likely met.
    rates: { storm: 0.03, submit503Html: 0.02, submitReset: 0.02, taskError: 0.02, pollSlow: 0.05 },
    slowBudget: 1,
    signal: stop.signal,
  });
  result = await running;
  console.log(formatChaos(result));
}, 118_000);

afterAll(async () => {
  // Also when beforeAll timed out: stop the run, kill its CLI, let it remove its folder.
  stop.abort();
  killAll();
  await running?.catch(() => undefined);
});

const problems = (check: Check) => result.audit.problems[check];

describe('chaos: the CLI killed at every exact moment and at random, under injected faults', () => {
  it('ran 150 jobs and killed the CLI at every exact moment, 8 kills or more', () => {
    expect(result.audit.figures.jobs).toBe(150);
    expect(EXACT_MOMENTS.filter((moment) => !result.kills[moment])).toEqual([]);
    expect(Object.values(result.kills).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(8);
  });

  it('never pays for one request twice', () => {
    expect(problems('duplicate-submits')).toEqual([]);
  });

  it('loses no paid result: every task the library knows ends done or as BFL ended it', () => {
    expect(problems('results-lost')).toEqual([]);
  });

  it('shows every billed task the library never learnt of as an unknown job', () => {
    expect(problems('unknown-shown')).toEqual([]);
  });

  it('finishes every job, and no CLI run hangs', () => {
    expect(problems('unfinished-jobs')).toEqual([]);
    expect(problems('no-hung-runs')).toEqual([]);
  });

  it('leaves no orphan file and no row without its file', () => {
    expect(problems('orphan-files')).toEqual([]);
    expect(problems('rows-without-files')).toEqual([]);
  });

  it('stores exactly the pixels BFL delivered', () => {
    expect(problems('pixels-equal')).toEqual([]);
  });
});
