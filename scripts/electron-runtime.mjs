// Where the Electron runtime (the unpacked Electron binary) comes from, for `npm start`,
// `npm run dev`, `npm run dist`, `npm run package:check` and `seedbank doctor`.
//
// Facts this relies on (electron@45 and electron-vite@6 as installed; see docs/desktop.md):
// - the `electron` package downloads nothing at `npm install`; its own installer
//   (`node_modules/electron/install.js`, the `install-electron` bin) downloads the zip through
//   @electron/get and extracts it into `node_modules/electron/dist`, then writes `path.txt`;
//   it counts as installed only when `dist/version` matches the package and `path.txt` names the
//   executable of this platform;
// - electron-vite reads only `ELECTRON_EXEC_PATH`, else `path.txt`, and ignores
//   `ELECTRON_OVERRIDE_DIST_PATH`, so we always hand it `ELECTRON_EXEC_PATH`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const FETCH_PROBE = fileURLToPath(new URL('./electron-install-probe.mjs', import.meta.url));
const PROBE_TAG = 'seedbank-electron-fetch-failed ';

/** The `electron` package that `root`'s node_modules resolves to. */
export function electronPackage(root) {
  const requireFromRoot = createRequire(path.join(root, 'package.json'));
  const dir = path.dirname(requireFromRoot.resolve('electron/package.json'));
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { dir, version };
}

/** The executable inside an unpacked Electron, per platform: the same table as install.js. */
export function executableInDist(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The runtime without downloading anything:
 * `{ present: true, source: 'exec-path' | 'override' | 'installed', distDir, execPath, version }` or
 * `{ present: false, source, distDir, reason }`.
 */
export function locateRuntime({ root, env = process.env, platform = process.platform }) {
  const pkg = electronPackage(root);
  const executable = executableInDist(platform);
  // electron-vite's own setting, when someone already uses it: taken as it is.
  const execOverride = env.ELECTRON_EXEC_PATH;
  if (execOverride) {
    const execPath = path.resolve(execOverride);
    const distDir = execPath.endsWith(`${path.sep}${executable}`)
      ? execPath.slice(0, -executable.length - 1)
      : path.dirname(execPath);
    if (fs.existsSync(execPath)) return { present: true, source: 'exec-path', distDir, execPath, version: pkg.version };
    return {
      present: false,
      source: 'exec-path',
      distDir,
      reason: `ELECTRON_EXEC_PATH is ${execPath}, which does not exist`,
    };
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const distDir = path.resolve(override);
    const execPath = path.join(distDir, executable);
    if (fs.existsSync(execPath)) return { present: true, source: 'override', distDir, execPath, version: pkg.version };
    return {
      present: false,
      source: 'override',
      distDir,
      reason: `ELECTRON_OVERRIDE_DIST_PATH is ${distDir}, but there is no ${executable} in it`,
    };
  }
  const distDir = path.join(pkg.dir, 'dist');
  const execPath = path.join(distDir, executable);
  // install.js's own test for "installed": the version file and path.txt, then the file itself.
  const installedVersion = readText(path.join(distDir, 'version'))?.trim().replace(/^v/, '');
  const pathTxt = readText(path.join(pkg.dir, 'path.txt'));
  if (installedVersion === pkg.version && pathTxt === executable && fs.existsSync(execPath)) {
    return { present: true, source: 'installed', distDir, execPath, version: pkg.version };
  }
  return {
    present: false,
    source: 'installed',
    distDir,
    reason:
      installedVersion && installedVersion !== pkg.version
        ? `node_modules/electron/dist holds Electron ${installedVersion}, not ${pkg.version}`
        : `Electron ${pkg.version} is not downloaded yet`,
  };
}

/** The environment that makes electron-vite use this runtime. */
export function runtimeEnv(runtime, env = process.env) {
  return { ...env, ELECTRON_EXEC_PATH: runtime.execPath };
}

/** Thrown when the runtime cannot be had; `message` is what the person reads, no stack. */
export class RuntimeUnavailable extends Error {
  name = 'RuntimeUnavailable';
}

/** Where @electron/get would fetch the zip from and where a hand-placed copy must go. */
async function downloadPlaces(pkg, env, platform, arch) {
  const details = { version: `v${pkg.version}`, artifactName: 'electron', platform, arch };
  const zipName = `electron-v${pkg.version}-${platform}-${arch}.zip`;
  try {
    // @electron/get's own rules (its dist files, not its public API): the mirror variables it
    // reads and the hashed cache folder it looks in, so the message names the exact place.
    const getDir = path.dirname(createRequire(path.join(pkg.dir, 'package.json')).resolve('@electron/get'));
    const saved = process.env;
    process.env = env;
    try {
      const { getArtifactRemoteURL } = await import(pathToFileURL(path.join(getDir, 'artifact-utils.js')).href);
      const { Cache } = await import(pathToFileURL(path.join(getDir, 'Cache.js')).href);
      const url = await getArtifactRemoteURL(details);
      const cacheFile = new Cache(env.electron_config_cache || undefined).getCachePath(url, zipName);
      return { url, zipName, cacheFolder: path.dirname(cacheFile) };
    } finally {
      process.env = saved;
    }
  } catch {
    const base = env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
    return { url: `${base}v${pkg.version}/${zipName}`, zipName, cacheFolder: env.electron_config_cache || null };
  }
}

function oneLine(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first useful line of what install.js printed: our probe's line, else the error's first line. */
function describeFailure(stderr, fallbackUrl) {
  const probe = stderr.split('\n').find((line) => line.startsWith(PROBE_TAG));
  if (probe) {
    try {
      const { url, error } = JSON.parse(probe.slice(PROBE_TAG.length));
      return { host: new URL(url).host, error: oneLine(error) };
    } catch {
      // fall through to the plain text
    }
  }
  const first = stderr.split('\n').find((line) => line.trim() !== '' && !line.startsWith(PROBE_TAG)) ?? 'no output';
  let host = 'the download host';
  try {
    host = new URL(fallbackUrl).host;
  } catch {
    // a mirror that is not a URL: the error line says so
  }
  return { host, error: oneLine(first) };
}

export function unavailableMessage({ version, host, error, places }) {
  const cache = places.cacheFolder ? `${places.cacheFolder}${path.sep}` : 'the Electron cache folder';
  return [
    `The Electron runtime ${version} could not be downloaded from ${host}: ${error}`,
    'What to try:',
    '  - a mirror you can reach:   ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start',
    '  - behind a proxy:           ELECTRON_GET_USE_PROXY=true HTTPS_PROXY=http://proxy.example:8080 npm start',
    `  - no network: put ${places.zipName} (from ${places.url}) into ${cache} and run npm start again`,
    '  - an unpacked Electron you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron npm start',
    'Meanwhile `npm run web` opens the same studio in your browser.',
  ].join('\n');
}

function runInstaller(pkg, env) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(FETCH_PROBE).href, path.join(pkg.dir, 'install.js')],
      {
        env,
        stdio: ['ignore', 'inherit', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ code: 1, stderr: `${error.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

/**
 * The runtime, downloaded first by Electron's own installer when it is missing.
 * Throws RuntimeUnavailable with the message for the person when it cannot be had.
 */
export async function ensureRuntime({ root, env = process.env, log = (line) => process.stderr.write(`${line}\n`) }) {
  const found = locateRuntime({ root, env });
  if (found.present) return found;
  // An explicit setting is the person's choice: never download around it.
  if (found.source !== 'installed') throw new RuntimeUnavailable(`${found.reason}.`);
  const pkg = electronPackage(root);
  const places = await downloadPlaces(pkg, env, process.platform, process.arch);
  log(`Downloading the Electron runtime ${pkg.version} (once, about 100 MB) from ${safeHost(places.url)}…`);
  const result = await runInstaller(pkg, env);
  const after = locateRuntime({ root, env });
  if (result.code === 0 && after.present) return after;
  const { host, error } = describeFailure(result.stderr, places.url);
  throw new RuntimeUnavailable(unavailableMessage({ version: pkg.version, host, error, places }));
}

function safeHost(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
