/**
 * The benchmarks' scratch folders (scripts/bench-temp.mjs): a bench stopped with Ctrl-C or
 * SIGTERM removes its own, and the next run sweeps those of a bench that was killed outright —
 * never the libraries the benches keep between runs, never a running bench's folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepStaleBenchTemp } from '../../scripts/bench-temp.mjs';
import { makeTempDir } from '../support/temp';

const BENCH_TEMP = pathToFileURL(path.resolve(__dirname, '../../scripts/bench-temp.mjs')).href;

let running: ReturnType<typeof spawn> | null = null;
afterEach(() => {
  running?.kill('SIGKILL');
  running = null;
});

/** A pid that was a process a moment ago and is no more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** A Node process that makes a scratch folder (its temp directory is `tmp`), says where, and waits. */
async function benchMakingAFolder(tmp: string): Promise<{ folder: string; exited: Promise<NodeJS.Signals | null> }> {
  const script = `const { benchTempDir } = await import(${JSON.stringify(BENCH_TEMP)});
process.stdout.write(benchTempDir('jobs') + '\\n');
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running = child;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const folder = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
  });
  return { folder, exited };
}

describe('bench scratch folders', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'a bench stopped with %s removes its folder and dies of the signal',
    async (signal) => {
      const tmp = makeTempDir('seedbank-bench-temp-test-');
      const { folder, exited } = await benchMakingAFolder(tmp);
      expect(path.dirname(folder)).toBe(tmp);
      expect(fs.existsSync(folder)).toBe(true);
      running!.kill(signal);
      expect(await exited).toBe(signal);
      expect(fs.existsSync(folder)).toBe(false);
    },
  );

  it('the next run sweeps the folders of killed benches only', async () => {
    const tmp = makeTempDir('seedbank-bench-temp-test-');
    const dead = deadPid();
    const stale = path.join(tmp, `seedbank-bench-import-source-${dead}-aB3dE9`);
    const kept = [
      path.join(tmp, 'seedbank-bench'), // the libraries built once and reused
      path.join(tmp, 'seedbank-ui-bench-100000'),
      path.join(tmp, `seedbank-bench-jobs-${process.pid}-Zz9yX8`), // a bench still running
      path.join(tmp, 'seedbank-test-run-abc123'),
    ];
    for (const dir of [stale, ...kept]) fs.mkdirSync(path.join(dir, 'images'), { recursive: true });
    // The folder of a bench still running in another process.
    const { folder } = await benchMakingAFolder(tmp);

    expect(sweepStaleBenchTemp(tmp)).toEqual([stale]);
    expect(fs.existsSync(stale)).toBe(false);
    for (const dir of [...kept, folder]) expect(fs.existsSync(dir)).toBe(true);
  });
});
