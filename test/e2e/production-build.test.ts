/**
 * The renderer the browser tests and the UI bench load is React's production build, also when it
 * is built from inside vitest (NODE_ENV=test): React's development build renders several times
 * slower (a stack captured per element), so tests and bench figures would describe another app.
 * And the page the web host serves starts the studio's download with the entry's, as the desktop
 * app's does (docs/performance.md, "First gallery paint").
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

  it('preloads the studio’s chunk from the page the web host serves', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/web.mjs'), '--build-only', '--force'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const assets = path.join(ROOT, 'out/renderer/assets');
    const studio = fs.readdirSync(assets).find((f) => /^render-studio-.*\.js$/.test(f));
    expect(studio).toBeDefined();
    const html = fs.readFileSync(path.join(ROOT, 'out/renderer/index.html'), 'utf8');
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="./assets/${studio}">`);
  });
});
