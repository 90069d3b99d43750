import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from './protocol';
import {
  APP_TITLE,
  createAppUrlCheck,
  createMainWindow,
  focusWindow,
  mainWindowOptions,
  rendererEntryUrl,
} from './window';

describe('rendererEntryUrl and createAppUrlCheck', () => {
  it('loads the packaged renderer through the app scheme, never file://', () => {
    expect(rendererEntryUrl(null)).toBe('seedbank-app://app/index.html');
    const isApp = createAppUrlCheck(null);
    expect(isApp('seedbank-app://app/index.html')).toBe(true);
    expect(isApp('seedbank-app://app/assets/x.js')).toBe(true);
    expect(isApp('seedbank-app://evil/index.html')).toBe(false);
    expect(isApp('file:///index.html')).toBe(false);
    expect(isApp('https://app/index.html')).toBe(false);
    expect(isApp('http://localhost:5173/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
  });

  it('in development trusts only the dev server origin', () => {
    const isApp = createAppUrlCheck('http://localhost:5173');
    expect(rendererEntryUrl('http://localhost:5173')).toBe('http://localhost:5173');
    expect(isApp('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('https://localhost:5173/')).toBe(false);
    expect(isApp('seedbank-app://app/index.html')).toBe(false);
  });
});

describe('mainWindowOptions', () => {
  it('starts hidden with the secure webPreferences and the restored bounds', () => {
    const options = mainWindowOptions(
      '/p/preload.cjs',
      { x: 5, y: 6, width: 1000, height: 700, maximized: false },
      'linux',
    );
    expect(options).toMatchObject({ x: 5, y: 6, width: 1000, height: 700, show: false, title: APP_TITLE });
    expect(options.webPreferences).toMatchObject({
      preload: '/p/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
  });

  it('leaves the position to the OS when none was restored', () => {
    const options = mainWindowOptions('/p.cjs', { width: 1000, height: 700, maximized: false });
    expect(options).not.toHaveProperty('x');
    expect(options).not.toHaveProperty('y');
  });
});

class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  readonly options: BrowserWindowConstructorOptions;
  loaded: string | null = null;
  shown = false;
  maximized = false;
  focused = false;
  minimized = true;
  destroyed = false;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    FakeWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.reject(new Error('ERR_FAILED'));
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

describe('createMainWindow', () => {
  it('loads the entry, shows on ready-to-show (maximised if it was), keeps its own title', async () => {
    const onLoadFailed = vi.fn();
    const win = createMainWindow({
      BrowserWindow: FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
      preloadPath: '/p.cjs',
      bounds: { width: 1000, height: 700, maximized: true },
      devServerUrl: null,
      onLoadFailed,
    }) as unknown as FakeWindow;
    expect(win.loaded).toBe(APP_ENTRY_URL);
    expect(win.shown).toBe(false);
    const titleEvent = { preventDefault: vi.fn() };
    win.emit('page-title-updated', titleEvent);
    expect(titleEvent.preventDefault).toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.maximized).toBe(true);
    expect(win.shown).toBe(true);
    await vi.waitFor(() => expect(onLoadFailed).toHaveBeenCalled());
  });

  it('focusWindow restores a minimised window and ignores a destroyed one', () => {
    const win = new FakeWindow({});
    focusWindow(win);
    expect(win).toMatchObject({ minimized: false, shown: true, focused: true });
    const gone = new FakeWindow({});
    gone.destroyed = true;
    focusWindow(gone);
    expect(gone.focused).toBe(false);
    focusWindow(null);
  });
});
