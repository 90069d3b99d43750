// `npm run package:check`: package the app the way `npm run dist` does and check the result,
// with no internet. Steps:
// 1. electron-vite build (skipped with --no-build, as `npm test` has just built);
// 2. a stand-in Electron distribution (an unpacked folder with a dummy executable), handed to
//    electron-builder as `electronDist`, so nothing is downloaded; the fuses are off for this
//    run only (a stand-in binary has no fuse sentinel to flip);
// 3. electron-builder --dir for this platform into a temporary folder, with every download
//    route (Electron mirror, builder binaries mirror, proxies) pointed at a closed port, so a
//    download attempt fails the check instead of passing unnoticed;
// 4. the archive checks (package-check/archive-checks.mjs);
// 5. the packed main bundle loaded under plain Node from an extracted copy with a stub
//    `electron` (package-check/electron-stub.mjs), against a temporary SEEDBANK_HOME.
// `--app <folder>` checks an existing unpacked build (e.g. dist/linux-unpacked) instead of 2–3.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll } from '@electron/asar';
import { checkArchive } from './package-check/archive-checks.mjs';
import { importedElectronNames, writeElectronStub } from './package-check/electron-stub.mjs';
import { electronPackage, executableInDist } from './electron-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const appArg = args.includes('--app') ? args[args.indexOf('--app') + 1] : null;
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-package-check-'));

const log = (line) => process.stdout.write(`${line}\n`);

function runQuiet(command, commandArgs, options) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function closedPortUrl() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

/** An unpacked "Electron" for this platform: the executable, `version` and `resources/`. */
function makeStandInElectron(dir) {
  const { version } = electronPackage(root);
  const executable = path.join(dir, executableInDist());
  fs.mkdirSync(path.dirname(executable), { recursive: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.writeFileSync(executable, '#!/bin/sh\necho "stand-in Electron for npm run package:check" >&2\nexit 1\n', {
    mode: 0o755,
  });
  fs.writeFileSync(path.join(dir, 'version'), version);
  return dir;
}

async function packageApp() {
  const electronDist = makeStandInElectron(path.join(scratch, 'stand-in-electron'));
  const output = path.join(scratch, 'dist');
  const config = path.join(scratch, 'electron-builder.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(root, 'electron-builder.yml'),
      electronDist,
      electronFuses: null,
      directories: { output },
    }),
  );
  const closed = await closedPortUrl();
  const offline = {
    ...process.env,
    ELECTRON_MIRROR: closed,
    ELECTRON_BUILDER_BINARIES_MIRROR: closed,
    ELECTRON_BUILDER_CACHE: path.join(scratch, 'empty-builder-cache'),
    electron_config_cache: path.join(scratch, 'empty-electron-cache'),
    HTTPS_PROXY: closed,
    HTTP_PROXY: closed,
    https_proxy: closed,
    http_proxy: closed,
    NO_PROXY: '',
  };
  const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const result = await runQuiet(process.execPath, [builder, '--dir', '--config', config], { cwd: root, env: offline });
  if (result.code !== 0) {
    throw new Error(`electron-builder --dir failed:\n${result.output.trim()}`);
  }
  // Proof that nothing was fetched: the download caches it was given are still empty.
  for (const cache of [offline.ELECTRON_BUILDER_CACHE, offline.electron_config_cache]) {
    if (fs.existsSync(cache) && fs.readdirSync(cache).length > 0) {
      throw new Error(`electron-builder downloaded into ${cache}: ${fs.readdirSync(cache).join(', ')}`);
    }
  }
  const unpacked = fs
    .readdirSync(output)
    .find((name) => name.endsWith('-unpacked') || name === 'mac' || name.startsWith('mac-'));
  if (!unpacked) throw new Error(`electron-builder wrote no unpacked app into ${output}`);
  return path.join(output, unpacked);
}

function resourcesOf(appDir) {
  const candidates = [path.join(appDir, 'resources')];
  for (const name of fs.existsSync(appDir) ? fs.readdirSync(appDir) : []) {
    if (name.endsWith('.app')) candidates.push(path.join(appDir, name, 'Contents', 'Resources'));
  }
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'app.asar')));
  if (!found) throw new Error(`no app.asar under ${appDir}`);
  return found;
}

async function loadPackedMain(resourcesDir) {
  const extracted = path.join(scratch, 'extracted');
  // extractAll copies the unpacked files back from app.asar.unpacked as well.
  extractAll(path.join(resourcesDir, 'app.asar'), extracted);
  writeElectronStub(extracted, importedElectronNames(extracted));
  const home = path.join(scratch, 'home');
  fs.mkdirSync(home);
  const env = { ...process.env, SEEDBANK_HOME: home, SEEDBANK_API_BASE: await closedPortUrl() };
  delete env.BFL_API_KEY;
  const runner = path.join(root, 'scripts', 'package-check', 'load-packed-main.mjs');
  const result = spawnSync(process.execPath, [runner, extracted, packageJson.version], {
    cwd: extracted,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { ok: false, error: `the loader printed no result (exit ${result.status}): ${result.stderr.trim()}` };
  }
}

async function main() {
  const failures = [];
  if (!appArg && !skipBuild) {
    log('▶ electron-vite build');
    const built = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (built.status !== 0) return ['electron-vite build failed'];
  }
  let appDir = appArg ? path.resolve(appArg) : null;
  if (!appDir) {
    log('▶ electron-builder --dir with a stand-in Electron (no downloads)');
    appDir = await packageApp();
  }
  const resourcesDir = resourcesOf(appDir);
  log(`▶ checking ${resourcesDir}`);
  // The bundle's import list: from out/ as just built, or from the archive being checked.
  let mainDir = path.join(root, 'out', 'main');
  if (appArg) {
    extractAll(path.join(resourcesDir, 'app.asar'), path.join(scratch, 'archive-for-imports'));
    mainDir = path.join(scratch, 'archive-for-imports', 'out', 'main');
  }
  const archive = checkArchive({ resourcesDir, mainDir, packageJson });
  for (const fact of archive.facts) log(`  ${fact}`);
  failures.push(...archive.failures);

  log('▶ loading the packed main bundle under Node with a stand-in electron');
  const loaded = await loadPackedMain(resourcesDir);
  if (!loaded.ok) failures.push(`the packed app did not start: ${loaded.error}`);
  else {
    log(`  core started: ${loaded.channels.length} IPC channels, database tables: ${loaded.tables.join(', ')}`);
    if (loaded.integrity !== 'ok') failures.push(`the new database failed quick_check: ${loaded.integrity}`);
  }
  return failures;
}

let failures;
try {
  failures = await main();
} catch (error) {
  failures = [error instanceof Error ? error.message : String(error)];
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
if (failures.length > 0) {
  process.stderr.write(`\npackage:check failed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}\n`);
  process.exitCode = 1;
} else {
  log('package:check passed');
}
