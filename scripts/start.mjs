// `npm start`, `npm run dev` and `npm run dist`: make sure the Electron runtime is there (see
// electron-runtime.mjs), then run electron-vite (or electron-builder) with it.
//   node scripts/start.mjs start   build main, preload and renderer, then run them in Electron
//   node scripts/start.mjs dev     the same with hot reload
//   node scripts/start.mjs dist    installers, packaging the runtime already on disk
// Extra arguments go to electron-vite (start, dev) or electron-builder (dist).
// The runtime is checked before anything is built, so a failure shows in a second, not after a build.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntime, RuntimeUnavailable, runtimeEnv } from './electron-runtime.mjs';
import { NODE_HOST_FLAGS } from './node-host-flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode, ...extra] = process.argv.slice(2);
const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const electronBuilder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (!['start', 'dev', 'dist'].includes(mode)) {
    process.stderr.write('usage: node scripts/start.mjs start|dev|dist [arguments…]\n');
    return 2;
  }
  let runtime;
  try {
    runtime = await ensureRuntime({ root });
  } catch (error) {
    if (!(error instanceof RuntimeUnavailable)) throw error;
    process.stderr.write(`\n${error.message}\n`);
    return 1;
  }
  const env = runtimeEnv(runtime);
  // The host's V8 flags reach Electron's main process only as `--js-flags` on its command line
  // (appendSwitch at run time reaches renderers only; docs/performance.md). electron-vite hands
  // what follows `--` to Electron.
  const electronArgs = [...(extra.includes('--') ? [] : ['--']), `--js-flags=${NODE_HOST_FLAGS.join(' ')}`];
  // `electron-vite preview` builds first, so `start` is one build, not two.
  if (mode === 'start') return run([electronVite, 'preview', ...extra, ...electronArgs], env);
  if (mode === 'dev') return run([electronVite, 'dev', ...extra, ...electronArgs], env);
  const built = await run([electronVite, 'build'], env);
  if (built !== 0) return built;
  // electronDist: the runtime on disk, so packaging does not download Electron a second time.
  // It is this machine's platform and architecture: build each system's package on that system.
  return run(
    [electronBuilder, '--config', 'electron-builder.yml', `--config.electronDist=${runtime.distDir}`, ...extra],
    env,
  );
}

process.exitCode = await main();
