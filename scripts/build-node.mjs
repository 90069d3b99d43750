// Bundles the plain-Node front doors (the `seedbank` CLI and the browser host) with esbuild.
// Runs on `npm install` (prepare) so `npx seedbank` works from a fresh clone; dependencies stay
// in node_modules (packages: 'external'), only our TypeScript is bundled.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const entries = [
  { in: 'electron/cli.ts', out: 'out/cli/cli.mjs' },
  { in: 'electron/web-host/main.ts', out: 'out/web-host/main.mjs' },
  { in: 'test/fake-bfl/main.ts', out: 'out/fake-bfl/main.mjs' },
].filter((entry) => fs.existsSync(path.join(root, entry.in)));

await Promise.all(
  entries.map((entry) =>
    build({
      entryPoints: [path.join(root, entry.in)],
      outfile: path.join(root, entry.out),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      packages: 'external',
      sourcemap: true,
      define: { __SEEDBANK_VERSION__: JSON.stringify(pkg.version) },
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    }),
  ),
);
console.log(`built ${entries.map((e) => e.out).join(', ') || 'nothing (no entries yet)'}`);
