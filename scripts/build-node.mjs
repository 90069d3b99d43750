// Bundles the plain-Node front doors (the `seedbank` CLI and the browser host) with esbuild.
// Runs on `npm install` (prepare) so `npx seedbank` works from a fresh clone; dependencies stay
// in node_modules (packages: 'external'), only our TypeScript is bundled.
//
// The CLI is split (ESM code splitting): `out/cli/cli.mjs` holds only the command table, and
// every `import()` in it — each command, the core, sharp, undici — becomes a chunk loaded when
// a command needs it, so `seedbank --version` does not pay for the library or the image code.
// Files are written only when they changed, each by rename: the CLI tests build in parallel
// and run the CLI meanwhile, and must never read half a file.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  sourcemap: true,
  write: false,
  define: { __SEEDBANK_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
};

const entries = [
  { in: 'electron/web-host/main.ts', out: 'out/web-host/main.mjs' },
  { in: 'test/fake-bfl/main.ts', out: 'out/fake-bfl/main.mjs' },
].filter((entry) => fs.existsSync(path.join(root, entry.in)));

/**
 * zod bundles its messages in 40 languages behind `z.locales`; the core uses only the English
 * default, so the CLI's copy leaves the others out (a third of zod's size, parsed at every start).
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: args.path, namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(root, 'node_modules/zod/v4/locales/en.js'))};`,
      resolveDir: root,
    }));
  },
};

/** Writes each output file only when its bytes changed, through a temporary file and a rename. */
function writeChanged(outputFiles) {
  for (const { path: file, contents } of outputFiles) {
    if (fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), contents) === 0) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, contents);
    fs.renameSync(temp, file);
  }
}

/** The CLI's dependencies that are bundled: pure JS loaded at every start (one file parses faster). */
const BUNDLED = new Set(['zod', 'commander']);

/** The CLI, split into chunks; chunks no longer produced by this build are removed afterwards. */
async function buildCli() {
  const outdir = path.join(root, 'out', 'cli');
  const result = await build({
    ...common,
    packages: undefined,
    external: Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)),
    entryPoints: { cli: path.join(root, 'electron', 'cli.ts') },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    plugins: [englishOnlyZod],
    minifyWhitespace: true,
    minifySyntax: true,
  });
  writeChanged(result.outputFiles);
  const produced = new Set(result.outputFiles.map((file) => file.path));
  const chunks = path.join(outdir, 'chunks');
  for (const name of fs.existsSync(chunks) ? fs.readdirSync(chunks) : []) {
    const file = path.join(chunks, name);
    const twin = file.endsWith('.map') ? file.slice(0, -'.map'.length) : file;
    if (!produced.has(file) && !produced.has(twin)) fs.rmSync(file, { force: true });
  }
  return 'out/cli/cli.mjs (+ chunks)';
}

const built = await Promise.all([
  buildCli(),
  ...entries.map(async (entry) => {
    const result = await build({
      ...common,
      entryPoints: [path.join(root, entry.in)],
      outfile: path.join(root, entry.out),
    });
    writeChanged(result.outputFiles);
    return entry.out;
  }),
]);
console.log(`built ${built.join(', ')}`);
