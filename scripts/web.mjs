// `npm run web`: serves the real UI to a browser on 127.0.0.1 through the web host.
// Builds the renderer (Vite, without the Electron main/preload, so it works before or without
// them) and the plain-Node entries (scripts/build-node.mjs) first, when missing or older than
// their sources, then runs the host. `--build-only` stops after building (used by the e2e tests).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_HOST_FLAGS } from './node-host-flags.mjs';
import { firstPaint } from './first-paint.mjs';
import { preloadStudioChunk } from './preload-studio-chunk.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildOnly = process.argv.includes('--build-only');
const force = process.argv.includes('--force');

/** Newest modification time of the files under the given folders (0 when none). */
function newestMtime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return newest;
}

function mtimeOf(file) {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
}

async function buildRenderer() {
  // Always React's production build: Vite takes the mode from NODE_ENV when it is set, and the
  // browser tests run this under vitest (NODE_ENV=test), which gave React's development build
  // (jsxDEV capturing a stack per element: several times slower renders) to the tests and to any
  // bench that reused that build.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const define = { __SEEDBANK_VERSION__: JSON.stringify(pkg.version) };
  // Mirrors the `renderer` section of electron.vite.config.ts.
  await build({
    root: path.join(root, 'renderer'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react(), preloadStudioChunk(), firstPaint(define)],
    define,
    build: {
      outDir: path.join(root, 'out/renderer'),
      emptyOutDir: true,
      // zod (the contract's schemas) makes one ~600 kB chunk; it loads from disk, not a network.
      chunkSizeWarningLimit: 1500,
      rollupOptions: { input: path.join(root, 'renderer/index.html') },
    },
  });
}

// The build's own config counts as a source: a change to it (a plugin) must reach out/renderer too.
const rendererSources = Math.max(
  newestMtime(['renderer', 'shared']),
  mtimeOf('scripts/web.mjs'),
  mtimeOf('scripts/preload-studio-chunk.mjs'),
  mtimeOf('scripts/first-paint.mjs'),
);
const rendererStale = force || mtimeOf('out/renderer/index.html') < rendererSources;
if (rendererStale) {
  process.stderr.write('Building the renderer…\n');
  await buildRenderer();
}
const hostStale = force || mtimeOf('out/web-host/main.mjs') < newestMtime(['electron', 'shared']);
if (hostStale) {
  process.stderr.write('Building the web host…\n');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build-node.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (buildOnly) process.exit(0);

const host = spawn(
  process.execPath,
  [...NODE_HOST_FLAGS, '--enable-source-maps', path.join(root, 'out/web-host/main.mjs')],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code) => process.exit(code ?? 0));
