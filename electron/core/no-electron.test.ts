/**
 * The core runs under plain Node (the CLI, the web host, these tests), where requiring Electron
 * tries to download the runtime and throws: nothing under electron/core/ may import it, directly
 * or through what it imports. Main hands the core what only Electron has (net.fetch, paths).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const coreDir = path.join(root, 'electron', 'core');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const ELECTRON_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"](?:electron|electron\/[^'"]*)['"]/;

describe('the core without Electron', () => {
  it('has no file under electron/core/ that imports electron', () => {
    const files = sourceFiles(coreDir);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => ELECTRON_IMPORT.test(fs.readFileSync(file, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('reaches no electron import from the core, the CLI or the web host, through any module', async () => {
    const result = await build({
      entryPoints: ['electron/core/app-core.ts', 'electron/cli.ts', 'electron/web-host/main.ts'].map((entry) =>
        path.join(root, entry),
      ),
      absWorkingDir: root,
      outdir: path.join(root, 'out', 'no-electron-check'),
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      packages: 'external',
      define: { __SEEDBANK_VERSION__: '"0.0.0"' },
      logLevel: 'silent',
    });
    const external = Object.values(result.metafile.outputs).flatMap((output) =>
      output.imports.filter((i) => i.external).map((i) => i.path),
    );
    expect(external.length).toBeGreaterThan(0);
    expect(external.filter((p) => p === 'electron' || p.startsWith('electron/'))).toEqual([]);
  });
});
