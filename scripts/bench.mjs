// `npm run bench`: bundles each benchmark in test/bench/*-bench.ts with esbuild, runs it in
// its own Node process (so peak RSS is its own), gathers the JSON each writes to bench/<name>.json
// into bench/results.json, and rewrites the figures table in the README.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sweepStaleBenchTemp } from './bench-temp.mjs';
import { NODE_HOST_FLAGS } from './node-host-flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'test', 'bench');
const only = process.argv.slice(2);
const names = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('-bench.ts'))
  .map((f) => f.replace(/-bench\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name));

fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
// Scratch folders of benches that were killed outright (their pid is gone); see bench-temp.mjs.
for (const dir of sweepStaleBenchTemp()) console.log(`removed ${dir} (left by a bench that was killed)`);

/**
 * Runs one bench in its own Node process. A SIGINT or SIGTERM sent to this script reaches the
 * bench too (a Ctrl-C reaches both anyway), which removes its scratch folders and dies of it. A
 * bench busy in synchronous work (the CLI bench's spawnSync loop) runs no handler until it is
 * done, so after a grace period it is killed and its folders swept here; this script then stops
 * with the same signal instead of going on to the next suite.
 */
const GRACE_MS = 3000;
function runBench(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: root });
    let stopping = null;
    let killTimer = null;
    const forward = (signal) => {
      stopping = signal;
      child.kill(signal);
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), GRACE_MS);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (status, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      clearTimeout(killTimer);
      sweepStaleBenchTemp();
      if (stopping || signal === 'SIGINT' || signal === 'SIGTERM') process.kill(process.pid, stopping ?? signal);
      else resolve({ status });
    });
  });
}

const results = fs.existsSync(path.join(root, 'bench', 'results.json'))
  ? JSON.parse(fs.readFileSync(path.join(root, 'bench', 'results.json'), 'utf8'))
  : {};

for (const name of names) {
  const outfile = path.join(root, 'out', 'bench', `${name}.mjs`);
  await build({
    entryPoints: [path.join(benchDir, `${name}-bench.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    define: { __SEEDBANK_VERSION__: JSON.stringify('bench') },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  console.log(`\n▶ bench: ${name}`);
  // The host's V8 flags (node-host-flags.mjs), so the figures are what a person running it gets.
  // Not for the jobs suite: its peak RSS row is the desktop app's, and the Electron main process
  // runs without them when packaged (docs/performance.md).
  const flags = name === 'jobs' ? [] : NODE_HOST_FLAGS;
  const run = await runBench([...flags, '--expose-gc', outfile]);
  const file = path.join(root, 'bench', `${name}.json`);
  if (run.status !== 0 || !fs.existsSync(file)) {
    console.error(`bench ${name} failed (exit ${run.status})`);
    continue;
  }
  results[name] = { ...JSON.parse(fs.readFileSync(file, 'utf8')), measuredAt: new Date().toISOString() };
}

// Suites not run this time keep the date they were measured (older results: the last run's date).
for (const [name, result] of Object.entries(results)) {
  if (name !== 'machine' && result && typeof result === 'object' && !result.measuredAt && results.machine?.date)
    result.measuredAt = results.machine.date;
}
results.machine = {
  cpus: (await import('node:os')).cpus().length,
  node: process.version,
  date: new Date().toISOString(),
};
fs.writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

// What the README shows of each suite: [measure, value, unit, target, met, baseline, ratio].
// Suites that write `rows` (jobs, …) give their own, with the baseline run beside them.
const ms = (v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v);
const SUMMARIES = {};
const rows = [];
for (const [name, result] of Object.entries(results)) {
  const summarize =
    SUMMARIES[name] ??
    ((r) =>
      Array.isArray(r?.rows)
        ? r.rows.map((x) => [x.metric, x.value, x.unit, x.target, x.ok, x.baseline, x.ratio])
        : []);
  const withUnit = (value, unit) => (value === undefined || value === null ? '' : `${value}${unit ? ` ${unit}` : ''}`);
  for (const [metric, value, unit, target, ok, baseline, ratio] of summarize(result)) {
    rows.push(
      `| ${name} | ${metric} | ${withUnit(value, unit)} | ${withUnit(baseline, unit)} | ${ratio ?? ''} | ${target ?? ''} | ${ok === false ? '✗' : '✓'} |`,
    );
  }
}
const table = [
  '| suite | measure | Seedbank | baseline | ratio | target | met |',
  '|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
const readmePath = path.join(root, 'README.md');
if (fs.existsSync(readmePath) && rows.length > 0) {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (readme.includes(start) && readme.includes(end)) {
    const byDate = new Map();
    for (const [name, result] of Object.entries(results)) {
      if (name === 'machine') continue;
      const date = (result?.measuredAt ?? results.machine.date).slice(0, 10);
      byDate.set(date, [...(byDate.get(date) ?? []), name]);
    }
    const when = [...byDate].map(([date, suites]) => `${suites.join(', ')} ${date}`).join('; ');
    const stamp = `Measured on ${results.machine.cpus} cores, Node ${results.machine.node}: ${when}.`;
    const next = readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${stamp}\n\n${table}\n${end}`);
    fs.writeFileSync(readmePath, next);
  }
}
console.log(`\nwrote bench/results.json${rows.length ? ' and the README table' : ''}`);
