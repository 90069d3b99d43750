/**
 * `electron-builder.yml` read and schema-checked by electron-builder's own config reader, so a
 * typo in a key or a fuse name fails here rather than in a release build nobody runs in CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../test/support/temp';

// electron-builder's config reader loads jiti, which makes a transpile cache in the temp directory
// as it loads; a YAML config needs none. Set before the imports above run (vi.hoisted goes first).
vi.hoisted(() => {
  process.env.JITI_FS_CACHE = 'false';
});

const projectRoot = path.resolve(__dirname, '..');
const configFile = path.join(projectRoot, 'electron-builder.yml');

async function load(file: string, dir = projectRoot): Promise<Configuration> {
  return getConfig(dir, file, null);
}

describe('electron-builder.yml', () => {
  it('parses and passes electron-builder’s schema', async () => {
    const config = await load(configFile);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and packs only the built output', async () => {
    const config = await load(configFile);
    expect(config.productName).toBe('Seedbank');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    // The reader normalises `files` to `[{ filter: [...] }]`.
    const files = [config.files]
      .flat()
      .flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry?.filter ?? []].flat()));
    expect(files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
    expect(files.some((f) => f.includes('fake-bfl') && !f.startsWith('!'))).toBe(false);
  });

  it('builds AppImage and deb, dmg, and nsis', async () => {
    const config = await load(configFile);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(fs.existsSync(path.join(projectRoot, 'build', 'icon.png'))).toBe(true);
  });

  it('unpacks the native modules from the asar archive', async () => {
    const config = await load(configFile);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/sharp/**', '**/node_modules/@img/**', '**/node_modules/@napi-rs/**']),
    );
  });

  it('flips the security fuses', async () => {
    const config = await load(configFile);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('the schema check is real: a misspelt fuse is refused', async () => {
    const dir = makeTempDir('seedbank-builder-');
    const bad = path.join(dir, 'electron-builder.yml');
    fs.writeFileSync(bad, fs.readFileSync(configFile, 'utf8').replace('runAsNode: false', 'runAsNod: false'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '0.0.0' }));
    await expect(validateConfiguration(await load(bad, dir), new DebugLogger(false))).rejects.toThrow(
      /configuration\.electronFuses/,
    );
  });
});
