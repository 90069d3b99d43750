/**
 * The checks only the command line can make: the Node.js running it and, in a source checkout,
 * the Electron runtime `npm start` needs (located by scripts/electron-runtime.mjs, the one place
 * that knows where it comes from). The packaged app has neither question.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DiagnosticCheck } from '../../shared/diagnostics';

const MIN_NODE_MAJOR = 24;

export function nodeCheck(version = process.versions.node): DiagnosticCheck {
  const major = Number(version.split('.')[0]);
  const ok = major >= MIN_NODE_MAJOR;
  return {
    id: 'node',
    label: 'Node.js',
    ok,
    detail: `v${version}`,
    fix: ok ? null : `Install Node ${MIN_NODE_MAJOR} or newer (see .nvmrc).`,
  };
}

interface LocatedRuntime {
  present: boolean;
  source: 'exec-path' | 'override' | 'installed';
  distDir: string;
  execPath?: string;
  version?: string;
  reason?: string;
}
interface RuntimeModule {
  locateRuntime(options: { root: string; env: NodeJS.ProcessEnv }): LocatedRuntime;
}

/** The source checkout this CLI was built from: the nearest folder up with scripts/electron-runtime.mjs. */
export function checkoutRoot(from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'scripts', 'electron-runtime.mjs'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

export async function electronRuntimeCheck(env: NodeJS.ProcessEnv, root = checkoutRoot()): Promise<DiagnosticCheck> {
  const base = { id: 'electron', label: 'Electron runtime' };
  if (!root) return { ...base, ok: true, detail: 'not a source checkout (the packaged app brings its own)', fix: null };
  try {
    const runtime = (await import(
      pathToFileURL(path.join(root, 'scripts', 'electron-runtime.mjs')).href
    )) as RuntimeModule;
    const found = runtime.locateRuntime({ root, env });
    if (found.present) {
      const via =
        found.source === 'override'
          ? ' (ELECTRON_OVERRIDE_DIST_PATH)'
          : found.source === 'exec-path'
            ? ' (ELECTRON_EXEC_PATH)'
            : '';
      return {
        ...base,
        ok: true,
        detail: `${found.version ?? ''} at ${found.execPath ?? found.distDir}${via}`,
        fix: null,
      };
    }
    return {
      ...base,
      ok: false,
      detail: found.reason ?? 'not downloaded',
      fix:
        found.source !== 'installed'
          ? `Point ${found.source === 'override' ? 'ELECTRON_OVERRIDE_DIST_PATH' : 'ELECTRON_EXEC_PATH'} at an Electron you have, or unset it.`
          : '`npm start` downloads it (ELECTRON_MIRROR for a mirror; see docs/desktop.md).',
    };
  } catch (err) {
    return {
      ...base,
      ok: false,
      detail: err instanceof Error ? err.message : String(err),
      fix: 'Run `npm install` in the Seedbank folder.',
    };
  }
}
