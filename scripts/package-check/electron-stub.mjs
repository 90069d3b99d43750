// A stand-in `electron` package for loading the packed main bundle under plain Node.
// Every export is a recording "anything" object: any property is another such object, any call
// or `new` returns one, so main's wiring (menus, sessions, protocols, windows) runs through; the
// few answers main needs as real values (app paths, a display, whenReady) are given here.
// Calls that mean "the app is up" (a BrowserWindow) or "it failed" (an error box, app.exit) are
// reported to the runner through `globalThis.__seedbankElectronStub`.
import fs from 'node:fs';
import path from 'node:path';

const NAMED_IMPORT = /import\s*\{([^}]*)\}\s*from\s*["']electron["']/g;

/** The names any file in the app imports from "electron", so the stub exports each of them. */
export function importedElectronNames(appDir) {
  const names = new Set();
  const skip = new Set(['.bin']);
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(c|m)?js$/.test(entry.name)) {
        const source = fs.readFileSync(full, 'utf8');
        if (!source.includes('electron')) continue;
        for (const match of source.matchAll(NAMED_IMPORT)) {
          for (const part of match[1].split(',')) {
            const name = part
              .trim()
              .split(/\s+as\s+/)[0]
              ?.trim();
            if (name && /^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
          }
        }
      }
    }
  };
  walk(appDir);
  return [...names].sort();
}

const STUB_RUNTIME = `
const stub = globalThis.__seedbankElectronStub;
const cache = new WeakMap();
function anything(label) {
  const children = new Map();
  const target = function () {};
  const proxy = new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => label;
      if (typeof key === 'symbol') return undefined;
      if (!children.has(key)) children.set(key, anything(label + '.' + key));
      return children.get(key);
    },
    apply(_t, _this, args) {
      stub.calls.push(label);
      return anything(label + '()');
    },
    construct(_t, args) {
      stub.calls.push('new ' + label);
      return anything('new ' + label);
    },
  });
  cache.set(proxy, label);
  return proxy;
}
function overlay(label, values) {
  const base = anything(label);
  return new Proxy(values, {
    get(t, key) {
      if (key in t) return t[key];
      return base[key];
    },
  });
}
const home = process.env.SEEDBANK_HOME;
export const app = overlay('app', {
  isPackaged: true,
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => true,
  getPath: (name) => home + '/' + name,
  getVersion: () => stub.version,
  getName: () => 'Seedbank',
  getLocale: () => 'en-US',
  on: () => app,
  once: () => app,
  exit: (code) => stub.failed('app.exit(' + code + ')'),
  quit: () => undefined,
});
export const dialog = overlay('dialog', {
  showErrorBox: (title, message) => stub.failed(title + ': ' + message),
});
export const screen = overlay('screen', {
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1280, height: 800 } }),
  getAllDisplays: () => [],
});
export const ipcMain = overlay('ipcMain', {
  handle: (channel) => void stub.channels.push(channel),
  on: () => ipcMain,
  removeHandler: () => undefined,
});
export class BrowserWindow {
  constructor() {
    const window = anything('window');
    stub.windowOpened();
    return window;
  }
  static getAllWindows() { return []; }
}
`;

/** Writes node_modules/electron into the extracted app: ESM, exporting `names` and a default. */
export function writeElectronStub(appDir, names) {
  const dir = path.join(appDir, 'node_modules', 'electron');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'electron', version: '0.0.0-stub', type: 'module', exports: './index.js' }),
  );
  const given = new Set(['app', 'dialog', 'screen', 'ipcMain', 'BrowserWindow']);
  const rest = names.filter((name) => !given.has(name));
  const lines = [STUB_RUNTIME, ...rest.map((name) => `export const ${name} = anything(${JSON.stringify(name)});`)];
  const all = [...new Set([...given, ...rest])];
  lines.push(`export default overlay('electron', { ${all.join(', ')} });`);
  fs.writeFileSync(path.join(dir, 'index.js'), `${lines.join('\n')}\n`);
  return dir;
}
