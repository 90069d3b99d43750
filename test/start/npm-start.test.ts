/**
 * `npm start` on a fresh clone, without a real Electron: a stand-in runtime records how it was
 * launched. Every run points Electron's downloader at a closed loopback port with an empty
 * cache, so a download attempt fails at once instead of reaching the internet.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_HOST_FLAGS } from '../../scripts/node-host-flags.mjs';
import { closedPort, makeProjectCopy, readLaunches, startEnv, writeStandInRuntime } from './project-copy';

const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

let copy: string;
let scratch: string;
let mirror: string;

beforeAll(async () => {
  copy = makeProjectCopy();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-start-scratch-'));
  mirror = `http://127.0.0.1:${await closedPort()}/`;
});

afterAll(() => {
  fs.rmSync(copy, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

function emptyCache(): string {
  return fs.mkdtempSync(path.join(scratch, 'cache-'));
}

function npmStart(extra: Record<string, string>) {
  return spawnSync('npm', ['start'], {
    cwd: copy,
    env: startEnv({ ELECTRON_MIRROR: mirror, electron_config_cache: emptyCache(), ...extra }),
    encoding: 'utf8',
    // "Within seconds": a hung download or build is killed and then fails the exit-code check.
    timeout: 90_000,
  });
}

function resetRuntime(): void {
  fs.rmSync(path.join(copy, 'node_modules', 'electron', 'dist'), { recursive: true, force: true });
  fs.rmSync(path.join(copy, 'node_modules', 'electron', 'path.txt'), { force: true });
  fs.rmSync(path.join(copy, 'out'), { recursive: true, force: true });
}

describe('npm install', () => {
  it('downloads no Electron runtime: neither electron nor Seedbank runs an installer at install time', () => {
    const read = (file: string) =>
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8')) as {
        scripts?: Record<string, string>;
      };
    const installHooks = ['preinstall', 'install', 'postinstall'];
    const electronScripts = read('node_modules/electron/package.json').scripts ?? {};
    expect(installHooks.filter((hook) => hook in electronScripts)).toEqual([]);
    const ours = read('package.json').scripts ?? {};
    for (const hook of [...installHooks, 'prepare']) expect(ours[hook] ?? '').not.toMatch(/electron|start\.mjs/);
  });
});

describe('npm start', () => {
  it('with no runtime and no way to download it, says what failed and what to try, and exits non-zero', () => {
    resetRuntime();
    const result = npmStart({});
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    const stderr = result.stderr;
    expect(stderr).toMatch(new RegExp(`could not be downloaded from 127\\.0\\.0\\.1:\\d+: .*ECONNREFUSED`));
    expect(stderr).toContain('ELECTRON_MIRROR');
    expect(stderr).toContain('ELECTRON_GET_USE_PROXY');
    expect(stderr).toContain(`electron-v${electronVersion}-${process.platform}-${process.arch}.zip`);
    expect(stderr).toContain('npm run web');
    // No stack trace, and nothing was built before the runtime was known to be missing.
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(copy, 'out'))).toBe(false);
  });

  it('launches the runtime named by path.txt once, with the built app', () => {
    resetRuntime();
    const record = path.join(scratch, 'path-txt.jsonl');
    const executable = writeStandInRuntime(
      path.join(copy, 'node_modules', 'electron', 'dist'),
      record,
      electronVersion,
    );
    fs.writeFileSync(path.join(copy, 'node_modules', 'electron', 'path.txt'), path.basename(executable));

    const result = npmStart({});
    expect(result.stderr).not.toContain('could not be downloaded');
    expect(result.status).toBe(0);
    const launches = readLaunches(record);
    expect(launches).toHaveLength(1);
    // The built app, and the host's V8 flags for Electron's main process (scripts/start.mjs).
    expect(launches[0]!.argv).toEqual(['.', `--js-flags=${NODE_HOST_FLAGS.join(' ')}`]);
    expect(fs.realpathSync(launches[0]!.cwd)).toBe(fs.realpathSync(copy));
    expect(launches[0]!.built).toEqual(['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html']);
  });

  it('launches the runtime in ELECTRON_OVERRIDE_DIST_PATH once, without downloading', () => {
    resetRuntime();
    const record = path.join(scratch, 'override.jsonl');
    const distDir = path.join(scratch, 'unpacked-electron');
    const executable = writeStandInRuntime(distDir, record, electronVersion);

    const result = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: distDir });
    expect(result.stderr).not.toContain('Downloading');
    expect(result.status).toBe(0);
    const launches = readLaunches(record);
    expect(launches).toHaveLength(1);
    expect(launches[0]!.env.ELECTRON_EXEC_PATH).toBe(executable);
    expect(launches[0]!.built).toEqual(['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html']);
    // The real package was not touched: no runtime appeared in it.
    expect(fs.existsSync(path.join(copy, 'node_modules', 'electron', 'path.txt'))).toBe(false);
  });

  it('refuses an ELECTRON_OVERRIDE_DIST_PATH without Electron in it, naming the folder', () => {
    resetRuntime();
    const empty = fs.mkdtempSync(path.join(scratch, 'not-electron-'));
    const result = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH is ${empty}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
