/**
 * A throwaway copy of the project for running `npm start` in tests: the sources and scripts are
 * copied, every package in node_modules is a symlink to the real one except `electron`, which
 * is copied, so a stand-in runtime placed in it (dist/ + path.txt) never touches the real
 * node_modules/electron that other tests (the Electron e2e suite) look at.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..');

const COPIED = ['package.json', 'electron.vite.config.ts', 'scripts', 'electron', 'renderer', 'shared'];

export function makeProjectCopy(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-start-'));
  const tsconfigs = fs.readdirSync(projectRoot).filter((name) => /^tsconfig.*\.json$/.test(name));
  for (const entry of [...COPIED, ...tsconfigs]) {
    fs.cpSync(path.join(projectRoot, entry), path.join(copy, entry), {
      recursive: true,
      filter: (source) => !source.endsWith('.test.ts'),
    });
  }
  const modules = path.join(copy, 'node_modules');
  fs.mkdirSync(modules);
  const realModules = path.join(projectRoot, 'node_modules');
  for (const name of fs.readdirSync(realModules)) {
    if (name === 'electron') continue;
    fs.symlinkSync(path.join(realModules, name), path.join(modules, name));
  }
  // The package alone, never a runtime the real one may hold.
  fs.cpSync(path.join(realModules, 'electron'), path.join(modules, 'electron'), {
    recursive: true,
    filter: (source) => !/[\\/]electron[\\/](dist|path\.txt)$/.test(source),
  });
  return copy;
}

/**
 * A stand-in for the Electron executable: records its argv, cwd and environment as one JSON
 * line in `record` (and whether the built app was there), then exits 0 like a closed window.
 */
export function writeStandInRuntime(distDir: string, record: string, version: string): string {
  fs.mkdirSync(distDir, { recursive: true });
  const executable = path.join(distDir, process.platform === 'win32' ? 'electron.exe' : 'electron');
  const script = `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const built = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'].filter((f) =>
  fs.existsSync(path.join(process.cwd(), f)),
);
fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env, built }) + '\\n');
`;
  fs.writeFileSync(executable, script, { mode: 0o755 });
  fs.writeFileSync(path.join(distDir, 'version'), version);
  return executable;
}

export interface Launch {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  built: string[];
}

export function readLaunches(record: string): Launch[] {
  if (!fs.existsSync(record)) return [];
  return fs
    .readFileSync(record, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Launch);
}

/** A loopback port nothing listens on: a connection there is refused at once. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The environment for `npm start` in a copy: Node 24 first, no Electron settings of the caller. */
export function startEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(ELECTRON_|electron_|npm_)/.test(key)) delete env[key];
  }
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}`;
  // npm keeps a compile cache in the temp folder; a test must leave nothing there.
  env.NODE_DISABLE_COMPILE_CACHE = '1';
  return { ...env, ...extra };
}
