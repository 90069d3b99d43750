/**
 * `npm run chaos`: the long chaos run (issue 12) — by default 1,000 jobs and 32 kills (every exact
 * moment three times, eight at random) within 15 minutes — printing the figures and exiting 1 when
 * any check fails. Options: --seed N, --jobs N (multiple of 25), --rounds N (kills at every exact
 * moment per round), --random N (random kills), --minutes N (the whole run), --keep (keep the
 * library folder for a post-mortem), --readme (write the figures into README.md's Reliability
 * table when every check passed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCli, ROOT } from '../cli/cli-harness';
import { chaosTable, failedChecks, formatChaos } from './chaos-report';
import { runChaos } from './chaos-run';

const JOBS_PER_BATCH = 25;

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    jobs: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    random: { type: 'string', default: '8' },
    minutes: { type: 'string', default: '14' },
    keep: { type: 'boolean', default: false },
    readme: { type: 'boolean', default: false },
  },
});

function count(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`chaos: --${name} must be a whole number, not "${text}"\n`);
    process.exit(2);
  }
  return value;
}

const stop = new AbortController();
process.on('SIGINT', () => stop.abort());

buildCli();
const started = Date.now();
const result = await runChaos({
  seed: count('seed', values.seed),
  batches: Math.max(1, Math.ceil(count('jobs', values.jobs) / JOBS_PER_BATCH)),
  jobsPerBatch: JOBS_PER_BATCH,
  killRounds: count('rounds', values.rounds),
  randomKills: count('random', values.random),
  deadlineMs: count('minutes', values.minutes) * 60_000,
  runTimeoutMs: 180_000,
  idleMs: 15_000,
  slowBudget: 6,
  keepHome: values.keep,
  signal: stop.signal,
  log: (line) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`),
});
process.stdout.write(`${formatChaos(result)}\n`);
const failed = failedChecks(result);
process.stdout.write(failed.length === 0 ? 'chaos: every check passed\n' : `chaos: FAILED ${failed.join(', ')}\n`);
if (values.readme && failed.length === 0) {
  const readme = path.join(ROOT, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const table = chaosTable(result, new Date(), os.cpus().length, process.version);
  const updated = text.replace(/(<!-- chaos:start -->\n)[\s\S]*?(\n<!-- chaos:end -->)/, `$1${table}$2`);
  fs.writeFileSync(readme, updated);
  process.stdout.write('chaos: README.md figures updated\n');
}
process.exit(failed.length === 0 ? 0 : 1);
