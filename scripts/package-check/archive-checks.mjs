// What a packaged Seedbank must hold, checked on the resources folder electron-builder wrote
// (`app.asar` + `app.asar.unpacked`). Each check returns failure lines; none means it passed.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { getRawHeader, listPackage, statFile } from '@electron/asar';

/** Packed size budget for app.asar + app.asar.unpacked: 34.2 MB measured on linux-x64 (Dec 2026), plus room to grow. */
export const PACKED_SIZE_BUDGET_BYTES = 45 * 1024 * 1024;

/**
 * Where the native binaries the app loads live: sharp's in its @img/sharp-<platform> packages,
 * the keychain's in @napi-rs/keyring-<platform>. Each must sit outside the archive to load.
 */
export const NATIVE_PACKAGES = ['@img', '@napi-rs'];

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:[^'"`;]*?\s+from\s+)?["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
const REQUIRE_CALL = /\brequire\(\s*["']([^"']+)["']\s*\)/g;

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every package the main bundle (every .js/.mjs/.cjs in its folder) imports, from its own import list. */
export function bundleImports(mainDir) {
  const names = new Set();
  for (const file of fs.readdirSync(mainDir, { recursive: true })) {
    if (!/\.(c|m)?js$/.test(file)) continue;
    const source = fs.readFileSync(path.join(mainDir, file), 'utf8');
    for (const pattern of [STATIC_IMPORT, DYNAMIC_IMPORT, REQUIRE_CALL]) {
      for (const match of source.matchAll(pattern)) {
        const specifier = match[1];
        if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) continue;
        names.add(packageName(specifier));
      }
    }
  }
  // Electron provides `electron` itself.
  names.delete('electron');
  return [...names].sort();
}

/** The packed paths, with whether each file is in the archive or unpacked beside it. */
export function archiveEntries(asarPath) {
  const files = [];
  for (const entry of listPackage(asarPath, { isPack: false })) {
    const stat = statFile(asarPath, entry.slice(1), false);
    if ('files' in stat || 'link' in stat) continue;
    files.push({ path: entry.replaceAll('\\', '/'), unpacked: Boolean(stat.unpacked) });
  }
  return files;
}

function folderSize(dir) {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const name of fs.readdirSync(dir, { recursive: true })) {
    const stat = fs.lstatSync(path.join(dir, name));
    if (stat.isFile()) total += stat.size;
  }
  return total;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Checks app.asar against the bundle's imports and package.json.
 * Returns { failures: string[], facts: string[] } (facts: what was measured, for the report).
 */
export function checkArchive({ resourcesDir, mainDir, packageJson, budgetBytes = PACKED_SIZE_BUDGET_BYTES }) {
  const failures = [];
  const facts = [];
  const asarPath = path.join(resourcesDir, 'app.asar');
  if (!fs.existsSync(asarPath)) return { failures: [`no app.asar in ${resourcesDir}`], facts };
  getRawHeader(asarPath);
  const entries = archiveEntries(asarPath);
  const has = (prefix) => entries.some((e) => e.path.startsWith(prefix));

  for (const part of ['/out/main/', '/out/preload/', '/out/renderer/']) {
    if (!has(part)) failures.push(`app.asar has nothing under ${part}`);
  }

  const imports = bundleImports(mainDir);
  facts.push(`main bundle imports ${imports.length} packages: ${imports.join(', ')}`);
  for (const name of imports) {
    if (!has(`/node_modules/${name}/package.json`))
      failures.push(`app.asar lacks node_modules/${name}, which the main bundle imports`);
  }

  // A devDependency may still be packed as some runtime dependency's own dependency; only a
  // top-level copy that nothing at runtime needs is a leak. Top level = directly under node_modules.
  const runtimeDeps = new Set(Object.keys(packageJson.dependencies ?? {}));
  for (const name of Object.keys(packageJson.devDependencies ?? {})) {
    if (runtimeDeps.has(name)) continue;
    if (has(`/node_modules/${name}/`)) failures.push(`app.asar holds the devDependency ${name}`);
  }

  const maps = entries.filter((e) => e.path.endsWith('.map'));
  if (maps.length > 0) failures.push(`app.asar holds ${maps.length} source maps, e.g. ${maps[0].path}`);

  const natives = entries.filter((e) => e.path.endsWith('.node'));
  const packedNatives = natives.filter((e) => !e.unpacked);
  for (const entry of packedNatives)
    failures.push(`native binary packed inside app.asar (cannot be loaded): ${entry.path}`);
  for (const name of NATIVE_PACKAGES) {
    if (!natives.some((e) => e.unpacked && e.path.startsWith(`/node_modules/${name}/`))) {
      failures.push(`no native binary of ${name} in app.asar.unpacked`);
    }
  }
  facts.push(
    `native binaries unpacked: ${
      natives
        .filter((e) => e.unpacked)
        .map((e) => e.path)
        .join(', ') || 'none'
    }`,
  );

  const size = fs.statSync(asarPath).size + folderSize(`${asarPath}.unpacked`);
  facts.push(`packed size ${mb(size)} (budget ${mb(budgetBytes)})`);
  if (size > budgetBytes) failures.push(`packed size ${mb(size)} is over the budget of ${mb(budgetBytes)}`);
  return { failures, facts };
}
