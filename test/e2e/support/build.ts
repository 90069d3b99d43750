/** Builds the renderer and the web host once per run (skipped when they are newer than their sources). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder up that has scripts/web.mjs (this file is also bundled into out/bench). */
function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'scripts', 'web.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot(import.meta.dirname);
let built = false;

export function buildStudio(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/web.mjs'), '--build-only'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}
