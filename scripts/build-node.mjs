// Bundles the plain-Node front doors (the `seedbank` CLI and the browser host) with esbuild.
// Runs on `npm install` (prepare) so `npx seedbank` works from a fresh clone; dependencies stay
// in node_modules (packages: 'external'), only our TypeScript is bundled.
//
// The CLI is one file, `out/cli/cli.mjs`. Each `import()` of our own modules in it (each command,
// the core) becomes a lazy initialiser, so a command still runs only the code it needs, and
// packages (sharp, undici, pg, chokidar, the keychain) stay real imports, loaded when used. One
// file rather than ESM code splitting: every file Node loads costs its own resolution, read,
// compile-cache lookup and link, and the split build had `history` load 40 of them
// (docs/performance.md has the figures).
// Files are written only when they changed, each by rename: the CLI tests build in parallel
// and run the CLI meanwhile, and must never read half a file.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
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

/** A module that takes `load` (an expression) once and re-exports its properties by name. */
function reexport(load, names) {
  const lines = names
    .filter((name) => name !== 'default')
    .map((name, i) => `const e${i} = m[${JSON.stringify(name)}]; export { e${i} as ${name} };`);
  return { contents: [`const m = ${load};`, 'export default m;', ...lines].join('\n'), loader: 'js' };
}

/**
 * In one file, esbuild hoists every static `import … from 'node:sqlite'` (or from a package) to
 * the top, so `seedbank --version` would load everything any command uses. Each such import
 * becomes a small module that takes the builtin with `process.getBuiltinModule` (a CommonJS
 * package with `require`), which esbuild runs when the importing module first runs, as the split
 * build did. ES-module packages are left as they are (none is imported statically today).
 */
const lazyImports = {
  name: 'lazy-imports',
  setup(b) {
    const requireHere = createRequire(path.join(root, 'package.json'));
    const commonJs = (name) => {
      const main = requireHere.resolve(name);
      const pkgFile = path.join(
        main.slice(0, main.lastIndexOf(`node_modules${path.sep}${name}`)),
        'node_modules',
        name,
        'package.json',
      );
      return JSON.parse(fs.readFileSync(pkgFile, 'utf8')).type !== 'module';
    };
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== 'import-statement' || BUNDLED.has(args.path) || args.path.startsWith('node:module'))
        return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, namespace: 'lazy-builtin' };
      return /^(@[^/]+\/)?[^/]+$/.test(args.path) && commonJs(args.path)
        ? { path: args.path, namespace: 'lazy-cjs' }
        : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) =>
      reexport(`process.getBuiltinModule(${JSON.stringify(args.path)})`, Object.keys(await import(args.path))),
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-cjs' }, (args) =>
      reexport(`require(${JSON.stringify(args.path)})`, Object.keys(requireHere(args.path))),
    );
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

/** The CLI in one file; the chunks an earlier (split) build left are removed. */
async function buildCli() {
  const outdir = path.join(root, 'out', 'cli');
  const result = await build({
    ...common,
    packages: undefined,
    external: Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)),
    entryPoints: { cli: path.join(root, 'electron', 'cli.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    plugins: [englishOnlyZod, lazyImports],
    minifyWhitespace: true,
    minifySyntax: true,
  });
  writeChanged(result.outputFiles);
  fs.rmSync(path.join(outdir, 'chunks'), { recursive: true, force: true });
  return 'out/cli/cli.mjs';
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
