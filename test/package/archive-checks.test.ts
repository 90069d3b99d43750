/**
 * The packaged-app checks of `npm run package:check` on small archives made here, so each way a
 * package can be broken is shown to fail: a runtime dependency missing, a native binary packed
 * inside the archive, a devDependency or a source map packed, the size over budget.
 * (The full run with electron-builder is a step of `npm test`.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPackageWithOptions } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleImports, checkArchive } from '../../scripts/package-check/archive-checks.mjs';

const packageJson = {
  dependencies: { zod: '1', sharp: '1', '@napi-rs/keyring': '1' },
  devDependencies: { vitest: '1' },
};

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-archive-checks-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface AppShape {
  without?: string[];
  extra?: Record<string, string>;
  unpackNatives?: boolean;
}

/** A packaged app's resources folder: app.asar (+ .unpacked) from a small app tree. */
async function packApp(name: string, shape: AppShape = {}): Promise<{ resourcesDir: string; mainDir: string }> {
  const files: Record<string, string> = {
    'package.json': '{"name":"seedbank","type":"module"}',
    'out/main/main.js': [
      'import path from "node:path";',
      'import { app } from "electron";',
      'import { z } from "zod";',
      'import sharp from "sharp";',
      'import { Entry } from "@napi-rs/keyring";',
      'const later = () => import("zod/mini");',
    ].join('\n'),
    'out/preload/preload.cjs': 'require("electron");',
    'out/renderer/index.html': '<!doctype html>',
    'node_modules/zod/package.json': '{}',
    'node_modules/sharp/package.json': '{}',
    'node_modules/@img/sharp-linux-x64/package.json': '{}',
    'node_modules/@img/sharp-linux-x64/lib/sharp.node': 'binary',
    'node_modules/@napi-rs/keyring/package.json': '{}',
    'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.node': 'binary',
    ...shape.extra,
  };
  const src = path.join(scratch, name, 'app');
  for (const [file, text] of Object.entries(files)) {
    if (shape.without?.some((prefix) => file.startsWith(prefix))) continue;
    fs.mkdirSync(path.dirname(path.join(src, file)), { recursive: true });
    fs.writeFileSync(path.join(src, file), text);
  }
  const resourcesDir = path.join(scratch, name, 'resources');
  fs.mkdirSync(resourcesDir, { recursive: true });
  await createPackageWithOptions(src, path.join(resourcesDir, 'app.asar'), {
    ...(shape.unpackNatives === false ? {} : { unpack: '*.node' }),
  });
  return { resourcesDir, mainDir: path.join(src, 'out', 'main') };
}

describe('package:check archive checks', () => {
  it('reads the packages the main bundle imports from its own import list', async () => {
    const { mainDir } = await packApp('imports');
    expect(bundleImports(mainDir)).toEqual(['@napi-rs/keyring', 'sharp', 'zod']);
  });

  it('passes a complete archive', async () => {
    const app = await packApp('complete');
    expect(checkArchive({ ...app, packageJson }).failures).toEqual([]);
  });

  it('fails when a runtime dependency the bundle imports is missing from the archive', async () => {
    const app = await packApp('missing-dep', { without: ['node_modules/zod/'] });
    expect(checkArchive({ ...app, packageJson }).failures).toEqual([
      'app.asar lacks node_modules/zod, which the main bundle imports',
    ]);
  });

  it('fails when a native binary is packed inside the archive', async () => {
    const app = await packApp('packed-native', { unpackNatives: false });
    const { failures } = checkArchive({ ...app, packageJson });
    expect(failures).toContain(
      'native binary packed inside app.asar (cannot be loaded): /node_modules/@img/sharp-linux-x64/lib/sharp.node',
    );
    expect(failures).toContain('no native binary of @napi-rs in app.asar.unpacked');
  });

  it('fails on a packed devDependency, a source map, and a missing renderer', async () => {
    const app = await packApp('leaks', {
      extra: { 'node_modules/vitest/package.json': '{}', 'out/main/main.js.map': '{}' },
      without: ['out/renderer/'],
    });
    const { failures } = checkArchive({ ...app, packageJson });
    expect(failures).toEqual(
      expect.arrayContaining([
        'app.asar holds the devDependency vitest',
        'app.asar holds 1 source maps, e.g. /out/main/main.js.map',
        'app.asar has nothing under /out/renderer/',
      ]),
    );
  });

  it('fails over the size budget', async () => {
    const app = await packApp('budget');
    const { failures } = checkArchive({ ...app, packageJson, budgetBytes: 100 });
    expect(failures.some((f) => f.startsWith('packed size') && f.endsWith('over the budget of 0.0 MB'))).toBe(true);
  });
});
