/**
 * Runs the built `seedbank` CLI as a real child process against the emulator, each run in its
 * own SEEDBANK_HOME, with the key from BFL_API_KEY (no keychain: the D-Bus address points
 * nowhere, so a developer's real keychain is never touched).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FAKE_KEY } from '../fake-bfl';
import { makeTempDir } from '../support/temp';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'seedbank.js');

let built = false;
/** Bundles the CLI once per test file, so the tests run the code as it is now. */
export function buildCli(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-node.mjs')], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

export function tempHome(): string {
  return makeTempDir('seedbank-cli-');
}

export interface CliEnv {
  home: string;
  apiBase: string;
  key?: string | null;
  extra?: Record<string, string>;
}

export function cliEnv({ home, apiBase, key, extra }: CliEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    SEEDBANK_HOME: home,
    SEEDBANK_API_BASE: apiBase,
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/seedbank-test-bus',
    // The CLI's temp files go where the tests' own do, so npm test sees anything it leaves; npm
    // itself (for `npx seedbank`) would keep a compile cache there, which a test run does not need.
    TMPDIR: os.tmpdir(),
    NODE_DISABLE_COMPILE_CACHE: '1',
    ...extra,
  };
  if (key !== null) env.BFL_API_KEY = key ?? DEFAULT_FAKE_KEY;
  return env;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  command: string[] = [process.execPath, BIN],
): ChildProcess {
  const [exe, ...pre] = command;
  return spawn(exe!, [...pre, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function finished(child: ChildProcess, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(input ?? '');
  });
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return finished(startCli(args, env), input);
}

export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
