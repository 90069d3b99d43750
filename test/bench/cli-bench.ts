/**
 * CLI start-up benchmark: how long `seedbank` takes, and how much memory it holds, for the
 * commands a person or a script runs most — beside bare Node (`node -e 0`) measured in the same
 * run, interleaved, so a busy machine slows both alike. Each figure is the median of RUNS runs
 * (peak RSS: the highest of them), after one warm-up run each (Node's compile cache filled).
 * `key status` and `history --search` run against the 100,000-image synthetic library the
 * library benchmark builds (reused from $TMPDIR/seedbank-bench).
 *
 * Writes bench/cli.json (`rows` for the README table). `npm run bench cli` runs only this.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRoot, ensureBenchLibrary } from './build-synthetic-library';
import { PEAK_RSS_PRELOAD } from './peak-rss';
import { benchTempDir, removeBenchTempDir } from '../../scripts/bench-temp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'seedbank.js');
const RUNS = Number(process.env.SEEDBANK_BENCH_RUNS ?? 15);
const COUNT = 100_000;

interface Case {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

interface Sample {
  ms: number;
  rssMb: number;
}

/** Peak RSS of the child itself, written at exit by a preload every case (bare Node too) gets. */
function writeProbe(dir: string): { probe: string; out: string } {
  const probe = path.join(dir, 'rss-probe.cjs');
  const out = path.join(dir, 'rss.txt');
  fs.writeFileSync(probe, PEAK_RSS_PRELOAD);
  return { probe, out };
}

function runOnce(c: Case, probe: { probe: string; out: string }): Sample {
  fs.rmSync(probe.out, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', probe.probe, ...c.args], {
    cwd: ROOT,
    env: { ...process.env, ...c.env, SEEDBANK_RSS_FILE: probe.out },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${c.name} exited ${run.status}: ${run.stderr.toString().trim()}`);
  return { ms, rssMb: Number(fs.readFileSync(probe.out, 'utf8')) / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-node.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const library = path.join(benchRoot(), `library-${COUNT}`);
  await ensureBenchLibrary(library, COUNT, true);

  const scratch = benchTempDir('cli');
  try {
    const probe = writeProbe(scratch);
    // A headless machine: the key from the environment, the keychain unreachable (fails fast).
    const onLibrary: NodeJS.ProcessEnv = {
      SEEDBANK_HOME: library,
      BFL_API_KEY: 'bench-key-not-used-0000',
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(scratch, 'no-bus')}`,
    };
    const cases: Case[] = [
      { name: 'bare', args: ['-e', '0'] },
      { name: 'version', args: [BIN, '--version'] },
      { name: 'keyStatus', args: [BIN, 'key', 'status'], env: onLibrary },
      { name: 'history', args: [BIN, 'history', '--search', 'lighthouse'], env: onLibrary },
    ];
    for (const c of cases) runOnce(c, probe);
    const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const c of cases) samples.get(c.name)!.push(runOnce(c, probe));
      // A turn of the event loop per round: a Ctrl-C or SIGTERM handler (bench-temp) runs now, not at the end.
      await new Promise((resolve) => setImmediate(resolve));
    }

    const stat = (name: string) => {
      const list = samples.get(name)!;
      return { ms: round(median(list.map((s) => s.ms))), rssMb: round(Math.max(...list.map((s) => s.rssMb))) };
    };
    const bare = stat('bare');
    const version = stat('version');
    const keyStatus = stat('keyStatus');
    const history = stat('history');
    const ratio = (ms: number) => Math.round((ms / bare.ms) * 100) / 100;
    const beside = (s: { ms: number }) => `${s.ms} ms = ${ratio(s.ms)}×`;
    const rows = [
      { metric: `bare Node (node -e 0), median of ${RUNS}`, value: bare.ms, unit: 'ms', target: '', ok: true },
      {
        metric: 'seedbank --version, median (× bare Node)',
        value: beside(version),
        unit: '',
        target: '≤ 3× bare Node',
        ok: version.ms <= 3 * bare.ms,
      },
      {
        metric: 'seedbank --version, peak RSS',
        value: version.rssMb,
        unit: 'MB',
        target: '≤ 80 MB',
        ok: version.rssMb <= 80,
      },
      {
        metric: 'seedbank key status (100,000 images), median (× bare Node)',
        value: beside(keyStatus),
        unit: '',
        target: '≤ 4× bare Node',
        ok: keyStatus.ms <= 4 * bare.ms,
      },
      {
        metric: 'seedbank key status, peak RSS',
        value: keyStatus.rssMb,
        unit: 'MB',
        target: '≤ 80 MB',
        ok: keyStatus.rssMb <= 80,
      },
      {
        metric: 'seedbank history --search (100,000 images), median',
        value: history.ms,
        unit: 'ms',
        target: '≤ 150 ms',
        ok: history.ms <= 150,
      },
      { metric: 'seedbank history --search, peak RSS', value: history.rssMb, unit: 'MB', target: '', ok: true },
    ];
    const results = {
      machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
      runs: RUNS,
      bare,
      version,
      keyStatus,
      history,
      rows,
    };
    console.log(
      `\nSeedbank CLI start-up — median of ${RUNS} runs, ${os.cpus().length} CPUs, Node ${process.version}\n`,
    );
    for (const [name, s] of Object.entries({ bare, version, keyStatus, history }))
      console.log(
        `${name.padEnd(12)} ${`${s.ms} ms`.padStart(10)} ${`${ratio(s.ms)}×`.padStart(7)} ${`${s.rssMb} MB`.padStart(10)}`,
      );
    fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'bench', 'cli.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nwritten to bench/cli.json');
  } finally {
    removeBenchTempDir(scratch);
  }
}

await main();
