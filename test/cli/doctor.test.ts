/**
 * `seedbank doctor`: ✓/✗ per check with what to do, `--json` for scripts, exit 0 only when
 * nothing is ✗, and the online checks against the BFL emulator (or a closed port).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticsReport } from '../../shared/diagnostics';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl } from '../fake-bfl';
import { buildCli, cliEnv, runCli, tempHome } from './cli-harness';

let fake: FakeBfl;
const made: string[] = [];
let standInElectron: string;

function folder(make: () => string): string {
  const dir = make();
  made.push(dir);
  return dir;
}

beforeAll(async () => {
  buildCli();
  fake = await startFakeBfl();
  // An unpacked "Electron" (just the executable) for ELECTRON_OVERRIDE_DIST_PATH.
  standInElectron = folder(() => fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-doctor-electron-')));
  fs.writeFileSync(path.join(standInElectron, process.platform === 'win32' ? 'electron.exe' : 'electron'), '', {
    mode: 0o755,
  });
}, 60_000);

afterAll(async () => {
  await fake.close();
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const env = (options: { key?: string | null; apiBase?: string } = {}) =>
  cliEnv({
    home: folder(tempHome),
    apiBase: options.apiBase ?? fake.apiBase,
    key: options.key,
    extra: { ELECTRON_OVERRIDE_DIST_PATH: standInElectron },
  });

const byId = (report: DiagnosticsReport) => new Map(report.checks.map((c) => [c.id, c]));

async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('seedbank doctor', () => {
  it('passes every check, online too, with a key, a runtime and a reachable API — and exits 0', async () => {
    const result = await runCli(['doctor', '--online', '--json'], env());
    expect(result.code, result.stdout).toBe(0);
    const report = JSON.parse(result.stdout) as DiagnosticsReport;
    expect(report.ok).toBe(true);
    expect([...byId(report).keys()]).toEqual([
      'node',
      'electron',
      'keychain',
      'key',
      'app-data',
      'disk-space',
      'database',
      'fts5',
      'log',
      'api-host',
      'key-valid',
      'credits',
    ]);
    expect(byId(report).get('credits')!.detail).toBe('1000 credits');
    expect(byId(report).get('electron')!.detail).toContain(standInElectron);
    expect(result.stdout).not.toContain(DEFAULT_FAKE_KEY);
  });

  it('marks a missing key ✗ with what to do, and exits 1', async () => {
    const result = await runCli(['doctor'], env({ key: null }));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ API key\s+not set\n\s+→ .*seedbank key set/);
    expect(result.stdout).toMatch(/✓ Library database/);
  });

  it('says the API host is unreachable when it is, and leaves the library checks ✓', async () => {
    const result = await runCli(['doctor', '--online', '--json'], env({ apiBase: await closedPortUrl() }));
    expect(result.code).toBe(1);
    const checks = byId(JSON.parse(result.stdout) as DiagnosticsReport);
    expect(checks.get('api-host')!.ok).toBe(false);
    expect(checks.get('api-host')!.detail).toMatch(/ECONNREFUSED/);
    expect(checks.get('database')!.ok).toBe(true);
    expect(checks.get('fts5')!.ok).toBe(true);
  });

  it('reports a key BFL refuses as not accepted, without printing it', async () => {
    const wrong = 'wrong-key-0000-1111';
    const result = await runCli(['doctor', '--online', '--json'], env({ key: wrong }));
    expect(result.code).toBe(1);
    const checks = byId(JSON.parse(result.stdout) as DiagnosticsReport);
    expect(checks.get('api-host')!.ok).toBe(true);
    expect(checks.get('key-valid')!.ok).toBe(false);
    expect(checks.get('key-valid')!.fix).toMatch(/valid key/);
    expect(result.stdout).not.toContain(wrong);
  });

  it('names an Electron runtime that is not there', async () => {
    const missing = path.join(os.tmpdir(), 'seedbank-doctor-no-electron-here');
    const result = await runCli(['doctor', '--json'], {
      ...env(),
      ELECTRON_OVERRIDE_DIST_PATH: missing,
    });
    const electron = byId(JSON.parse(result.stdout) as DiagnosticsReport).get('electron')!;
    expect(electron.ok).toBe(false);
    expect(electron.detail).toContain(missing);
    expect(result.code).toBe(1);
  });
});
