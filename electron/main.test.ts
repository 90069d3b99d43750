/**
 * main.ts with a stand-in `electron` module (no Electron binary can run here): proves the order
 * of start-up — schemes and the app-data folder before `ready`, the single-instance lock, security
 * and protocols before the window — and that the real core answers the window over IPC, serves
 * library files through the asset scheme and closes on quit.
 */
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../test/support/temp';
import { EVENT_IPC_CHANNEL, REQUEST_CHANNELS } from '../shared/api';
import type { DiagnosticsReport } from '../shared/diagnostics';

interface FakeWindow extends EventEmitter {
  options: Record<string, unknown>;
  loaded: string | null;
  title: string;
  webContents: EventEmitter & { mainFrame: { url: string }; isDestroyed(): boolean; send(): void };
}

const h = vi.hoisted(() => {
  const log: string[] = [];
  const paths = new Map<string, string>();
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const protocols = new Map<string, (request: Request) => Promise<Response>>();
  const windows: unknown[] = [];
  const state = { lock: true, readyResolve: (): void => {}, menu: null as unknown };
  const sent: unknown[][] = [];
  return { log, paths, handlers, protocols, windows, state, sent };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    setName: (name: string) => h.log.push(`setName ${name}`),
    getName: () => 'Seedbank',
    getVersion: () => '0.0.0-test',
    getPath: (name: string) => h.paths.get(name) ?? path.join(os.tmpdir(), `seedbank-main-test-${name}`),
    setPath: (name: string, value: string) => {
      h.log.push(`setPath ${name}`);
      h.paths.set(name, value);
    },
    requestSingleInstanceLock: () => {
      h.log.push('lock');
      return h.state.lock;
    },
    whenReady: () => {
      h.log.push('whenReady');
      return new Promise<void>((resolve) => (h.state.readyResolve = resolve));
    },
    quit: () => {
      h.log.push('quit');
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      app.emit('before-quit', event);
      if (!event.prevented) h.log.push('exited');
    },
    exit: (code: number) => h.log.push(`exit ${code}`),
  });
  class BrowserWindow extends Emitter {
    options: Record<string, unknown>;
    loaded: string | null = null;
    title = '';
    webContents = Object.assign(new Emitter(), {
      mainFrame: { url: '' },
      isDestroyed: () => false,
      send: (...args: unknown[]) => void h.sent.push(args),
    });
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      h.log.push('window');
      h.windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded = url;
      this.webContents.mainFrame.url = url;
    }
    setTitle(title: string) {
      this.title = title;
    }
    isDestroyed = () => false;
    show() {}
    maximize() {}
    focus() {}
    restore() {}
    isVisible = () => true;
    isFocused = () => true;
    isMinimized = () => false;
    isMaximized = () => false;
    isFullScreen = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
  }
  const session = {
    defaultSession: {
      protocol: {
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
          h.log.push(`handle ${scheme}`);
          h.protocols.set(scheme, handler);
        },
      },
      webRequest: { onHeadersReceived: () => h.log.push('csp') },
      setPermissionRequestHandler: () => h.log.push('permissions'),
      setPermissionCheckHandler: () => {},
    },
  };
  const electron = {
    app,
    BrowserWindow,
    session,
    protocol: { registerSchemesAsPrivileged: () => h.log.push('schemes') },
    ipcMain: Object.assign(new Emitter(), {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
        h.handlers.set(channel, handler),
      removeHandler: (channel: string) => h.handlers.delete(channel),
    }),
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (menu: unknown) => {
        h.state.menu = menu;
        h.log.push('menu');
      },
    },
    Notification: class {
      static isSupported = () => false;
    },
    screen: {
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    shell: {
      openExternal: async () => {},
      openPath: async () => '',
      showItemInFolder: () => {},
      trashItem: async () => {},
    },
    clipboard: { writeText: () => {} },
    nativeImage: { createFromPath: () => ({ isEmpty: () => true }), createFromDataURL: () => ({}) },
    dialog: {
      showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
      showErrorBox: (title: string) => h.log.push(`error ${title}`),
    },
    net: { fetch: (input: string, init?: RequestInit) => fetch(input, init) },
  };
  return { ...electron, default: electron };
});

// The real electron-store loads the real `electron` package, whose entry tries to download a
// binary; this stand-in is what electron-store is when `cwd` is given: conf.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStore extends Conf<Record<string, unknown>> {
    constructor(options: { cwd: string; name: string; accessPropertiesByDotNotation?: boolean }) {
      super({
        cwd: options.cwd,
        configName: options.name,
        projectName: 'Seedbank',
        accessPropertiesByDotNotation: options.accessPropertiesByDotNotation ?? true,
      });
      h.log.push('electron-store');
    }
  }
  return { default: ElectronStore };
});

const home = makeTempDir('seedbank-main-');
const savedEnv = { ...process.env };

beforeEach(() => {
  vi.resetModules();
  h.log.length = 0;
  h.handlers.clear();
  h.protocols.clear();
  h.windows.length = 0;
  h.sent.length = 0;
  process.env.SEEDBANK_HOME = home;
  process.env.SEEDBANK_API_BASE = 'http://127.0.0.1:9';
  process.env.BFL_API_KEY = '';
  delete process.env.ELECTRON_RENDERER_URL;
});

afterAll(() => {
  process.env = savedEnv;
});

async function startMain(): Promise<FakeWindow> {
  await import('./main');
  h.state.readyResolve();
  await vi.waitFor(() => expect(h.log).toContain('menu'), { timeout: 20_000 });
  await vi.waitFor(() => expect(h.windows).toHaveLength(1));
  return h.windows[0] as FakeWindow;
}

describe('main', () => {
  it('opens Help → Diagnostics in the window, which gets the doctor’s checks over IPC', async () => {
    const win = await startMain();
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
    flat(h.state.menu as Item[])
      .find((i) => i.label === 'Diagnostics…')
      ?.click?.();
    expect(h.sent).toContainEqual([EVENT_IPC_CHANNEL, { channel: 'app:showDiagnostics', payload: {} }]);

    const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const answer = (await h.handlers.get('app:diagnostics')?.(fromWindow, { online: false })) as {
      result: DiagnosticsReport;
    };
    const database = answer.result.checks.find((c) => c.id === 'database');
    expect(database?.ok).toBe(true);
    expect(answer.result.checks.map((c) => c.id)).not.toContain('api-host');
  });

  it('starts in order, answers the window over IPC, serves the library and closes the core on quit', async () => {
    const win = await startMain();
    const order = (entry: string) => h.log.indexOf(entry);
    // Before ready: schemes, name and folders, then the lock.
    expect(order('schemes')).toBeLessThan(order('whenReady'));
    expect(order('setPath userData')).toBeLessThan(order('lock'));
    expect(h.paths.get('userData')).toBe(home);
    expect(h.paths.get('sessionData')).toBe(path.join(home, 'chromium'));
    // After ready: security and protocols before the window.
    for (const step of ['permissions', 'csp', 'handle seedbank-asset', 'handle seedbank-app']) {
      expect(order(step), step).toBeGreaterThan(order('whenReady'));
      expect(order(step), step).toBeLessThan(order('window'));
    }
    expect(order('electron-store')).toBeLessThan(order('window'));
    expect(win.loaded).toBe('seedbank-app://app/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]preload\.cjs$/);
    expect([...h.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());

    const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const info = (await h.handlers.get('app:info')?.(fromWindow, undefined)) as { result: { home: string } };
    expect(info.result.home).toBe(home);
    const foreign = (await h.handlers.get('app:info')?.(
      { sender: {}, senderFrame: { url: 'https://evil.example/' } },
      undefined,
    )) as {
      error: { code: string };
    };
    expect(foreign.error.code).toBe('INVALID_INPUT');

    fs.mkdirSync(path.join(home, 'thumbs'), { recursive: true });
    fs.writeFileSync(path.join(home, 'thumbs', 'probe.webp'), 'thumb');
    const asset = h.protocols.get('seedbank-asset');
    expect((await asset?.(new Request('seedbank-asset://library/thumbs/probe.webp')))?.status).toBe(200);
    expect((await asset?.(new Request('seedbank-asset://library/library.db')))?.status).toBe(403);

    const { app } = await import('electron');
    app.quit();
    await vi.waitFor(() => expect(h.log).toContain('exited'), { timeout: 20_000 });
  });

  it('a second instance quits at once and never starts', async () => {
    h.state.lock = false;
    try {
      await import('./main');
      h.state.readyResolve();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(h.log).toContain('quit');
      expect(h.log).not.toContain('whenReady');
      expect(h.windows).toHaveLength(0);
    } finally {
      h.state.lock = true;
    }
  });
});
