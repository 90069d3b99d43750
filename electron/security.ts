/**
 * Security policy in one place: the window's webPreferences, the Content-Security-Policy, and
 * the restrictions applied to every webContents (no navigation, no new windows — https links go
 * to the OS browser — and no permission grants). Electron objects are passed in, so the policy is
 * tested under plain Node.
 */
import type { App, BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';

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

/**
 * `default-src 'none'` and only what the renderer needs added back: its own scripts and styles,
 * images only from the app itself and the asset protocol (and blob/data for dropped files and previews).
 * In development the Vite dev server's origin (and its HMR socket) is allowed too.
 */
export function contentSecurityPolicy(options: { devServerUrl?: string | null } = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const self = dev ? `'self' ${dev.origin}` : "'self'";
  // The React fast-refresh preamble is an inline script: allowed in development only.
  const script = dev ? `${self} 'unsafe-inline'` : self;
  // The asset scheme is fetchable so "use as reference" can read a library image into a slot.
  const connect = dev ? `'self' ${ASSET_SCHEME}: ws://${dev.host} ${dev.origin}` : `'self' ${ASSET_SCHEME}:`;
  return [
    "default-src 'none'",
    `script-src ${script}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src 'self' ${ASSET_SCHEME}: blob: data:`,
    `font-src ${self} data:`,
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
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
