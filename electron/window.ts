/**
 * The one window: created hidden with the secure webPreferences, shown when its first paint is
 * ready, loading the Vite dev server in development and `seedbank-app://app/` otherwise (never a
 * `file://` page). The BrowserWindow class is passed in so the wiring is tested with a stand-in.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './protocol';
import { secureWebPreferences } from './security';
import { MIN_WINDOW_SIZE, type InitialBounds } from './window-state';

export const APP_TITLE = 'Seedbank';

/** What the window loads: the dev server electron-vite started, or the packaged renderer. */
export function rendererEntryUrl(devServerUrl: string | null): string {
  return devServerUrl ?? APP_ENTRY_URL;
}

/**
 * True for URLs of the app's own page. Node's URL gives custom schemes an opaque origin, so the
 * scheme and host are compared rather than `origin`.
 */
export function createAppUrlCheck(devServerUrl: string | null): (url: string) => boolean {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (dev) return url.protocol === dev.protocol && url.host === dev.host;
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  };
}

export function mainWindowOptions(
  preloadPath: string,
  bounds: InitialBounds,
  platform = process.platform,
): BrowserWindowConstructorOptions {
  return {
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: APP_TITLE,
    show: false,
    // Matches the dark theme's background so there is no white flash before the first paint.
    backgroundColor: '#111214',
    autoHideMenuBar: platform !== 'darwin',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface MainWindowSetup {
  BrowserWindow: BrowserWindowClass;
  preloadPath: string;
  bounds: InitialBounds;
  devServerUrl: string | null;
  onLoadFailed?: (error: unknown) => void;
}

export function createMainWindow(setup: MainWindowSetup): BrowserWindow {
  const win = new setup.BrowserWindow(mainWindowOptions(setup.preloadPath, setup.bounds));
  // The title carries the credit balance (window-title.ts); the page's <title> must not overwrite it.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    if (setup.bounds.maximized) win.maximize();
    win.show();
  });
  win.loadURL(rendererEntryUrl(setup.devServerUrl)).catch((error: unknown) => setup.onLoadFailed?.(error));
  return win;
}

/** Brings the window to the front (second launch, notification click, dock click). */
export function focusWindow(
  win: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> | null,
): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
