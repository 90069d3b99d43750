/**
 * Electron's security policy in one place: the window's webPreferences, the Content-Security-Policy
 * (the page policy shared with the browser host, plus the asset scheme), and the restrictions
 * applied to every webContents (no navigation, no new windows — https links go to the OS browser —
 * and no permission grants). Electron objects are passed in, so the policy is tested under plain
 * Node.
 */
import type { App, BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';
import { pageContentSecurityPolicy } from './core/page-policy';

export const ASSET_SCHEME = 'seedbank-asset';

export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** The page policy (core/page-policy.ts) for Electron's window: library images come from the asset scheme. */
export function contentSecurityPolicy(options: { devServerUrl?: string | null } = {}): string {
  return pageContentSecurityPolicy({ imageSources: [`${ASSET_SCHEME}:`], devServerUrl: options.devServerUrl ?? null });
}

/** Only https links leave the app, and only to the OS browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Applied to every webContents on `web-contents-created`. */
export function restrictWebContents(
  contents: ContentsLike,
  shell: Pick<Shell, 'openExternal'>,
  isAppUrl: (url: string) => boolean,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Every permission request and check is refused (clipboard and notifications go through main). */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Sends the CSP header with every response of the app's own pages. */
export function enforceCsp(session: Pick<Session, 'webRequest'>, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

export function applySecurityRestrictions(
  app: Pick<App, 'on'>,
  shell: Pick<Shell, 'openExternal'>,
  isAppUrl: (url: string) => boolean,
): void {
  app.on('web-contents-created', (_event, contents) => restrictWebContents(contents, shell, isAppUrl));
}
