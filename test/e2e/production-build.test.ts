/**
 * The renderer the browser tests and the UI bench load is React's production build, also when it
 * is built from inside vitest (NODE_ENV=test): React's development build renders several times
 * slower (a stack captured per element), so tests and bench figures would describe another app.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/build';

describe('the built renderer', () => {
  it('is React’s production build even when built under vitest', () => {
    expect(process.env.NODE_ENV).toBe('test');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/web.mjs'), '--build-only', '--force'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const assets = path.join(ROOT, 'out/renderer/assets');
    const development = fs
      .readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .filter((f) => /jsxDEV|react-dom\.development/.test(fs.readFileSync(path.join(assets, f), 'utf8')));
    expect(development).toEqual([]);
  });
});
