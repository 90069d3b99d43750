/**
 * The CLI keeps V8's compiled code between runs (Node's compile cache). A cache file is code the
 * next run executes, so it must live where only this user can write: Node's default, a folder of
 * the shared temp directory with a guessable name, is not that on Linux.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliEnv, runCli, tempHome } from './cli-harness';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

beforeAll(() => buildCli());

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];
}

describe.runIf(process.platform === 'linux')('the compile cache', () => {
  it("is kept in this user's cache folder, not in the shared temp folder", async () => {
    const home = tempHome();
    homes.push(home);
    const env = cliEnv({ home, apiBase: 'http://127.0.0.1:9' });
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const result = await runCli(['--version'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(filesUnder(path.join(home, '.cache', 'seedbank', 'node-compile-cache')).length).toBeGreaterThan(0);
  });

  it('follows XDG_CACHE_HOME, and NODE_COMPILE_CACHE wins over both', async () => {
    const home = tempHome();
    homes.push(home);
    const env = cliEnv({ home, apiBase: 'http://127.0.0.1:9', extra: { XDG_CACHE_HOME: path.join(home, 'xdg') } });
    delete env.NODE_DISABLE_COMPILE_CACHE;
    expect((await runCli(['--version'], env)).code).toBe(0);
    expect(filesUnder(path.join(home, 'xdg', 'seedbank', 'node-compile-cache')).length).toBeGreaterThan(0);

    const chosen = path.join(home, 'chosen');
    expect((await runCli(['--version'], { ...env, NODE_COMPILE_CACHE: chosen })).code).toBe(0);
    expect(filesUnder(chosen).length).toBeGreaterThan(0);
  });
});
