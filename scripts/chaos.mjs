// `npm run chaos`: bundles the long chaos run (test/chaos/chaos-main.ts) with esbuild and runs it
// in its own Node process; arguments pass through (e.g. `npm run chaos -- --seed 7 --keep`).
// Not part of `npm test`, which runs the short version (test/chaos/chaos.test.ts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'out', 'chaos', 'chaos-main.mjs');
await build({
  entryPoints: [path.join(root, 'test', 'chaos', 'chaos-main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  define: { __SEEDBANK_VERSION__: JSON.stringify('chaos') },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
