import { EventEmitter } from 'node:events';
import type { HandlerDetails, OnHeadersReceivedListenerDetails, Session, WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  ASSET_SCHEME,
  applySecurityRestrictions,
  contentSecurityPolicy,
  denyAllPermissions,
  enforceCsp,
  isExternalLinkAllowed,
  restrictWebContents,
  secureWebPreferences,
} from './security';
import { createAppUrlCheck } from './window';

/** "default-src 'none'; img-src a b" → { 'default-src': ["'none'"], 'img-src': ['a', 'b'] } */
function parseCsp(csp: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives, `directive ${name} appears twice`).not.toHaveProperty(name);
    directives[name] = values;
  }
  return directives;
}

describe('secureWebPreferences', () => {
  it('sandboxes the renderer and keeps Node out of it', () => {
    const prefs = secureWebPreferences('/app/out/preload/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('experimentalFeatures', true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('contentSecurityPolicy', () => {
  const csp = parseCsp(contentSecurityPolicy());

  it("starts from default-src 'none'", () => {
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['frame-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['form-action']).toEqual(["'none'"]);
  });

  it('runs only the app’s own scripts: no remote sources, no eval, no inline', () => {
    expect(csp['script-src']).toEqual(["'self'"]);
    for (const directive of ['script-src', 'connect-src', 'style-src', 'font-src', 'worker-src']) {
      for (const source of csp[directive] ?? []) {
        expect(source, `${directive} ${source}`).not.toMatch(/^(https?:|wss?:|\*|'unsafe-eval'|'strict-dynamic')/);
      }
    }
  });

  it('loads images only from the app itself, the asset scheme, blob: and data:', () => {
    expect(new Set(csp['img-src'])).toEqual(new Set(["'self'", `${ASSET_SCHEME}:`, 'blob:', 'data:']));
  });

  it('lets the page fetch nothing from the library: images reach reference slots through the core', () => {
    expect(csp['connect-src']).toEqual(["'self'"]);
  });

  it('in development adds only the dev server, its HMR socket and the fast-refresh inline preamble', () => {
    const dev = parseCsp(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173' }));
    expect(dev['script-src']).toEqual(["'self'", 'http://localhost:5173', "'unsafe-inline'"]);
    expect(dev['connect-src']).toEqual(["'self'", 'ws://localhost:5173', 'http://localhost:5173']);
    expect(dev['img-src']).toEqual(csp['img-src']);
    expect(dev['default-src']).toEqual(["'none'"]);
  });
});

describe('isExternalLinkAllowed', () => {
  it('lets only https links leave the app', () => {
    expect(isExternalLinkAllowed('https://docs.bfl.ai/')).toBe(true);
    for (const url of [
      'http://bfl.ai',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'seedbank-app://app/',
      'not a url',
      '',
    ]) {
      expect(isExternalLinkAllowed(url), url).toBe(false);
    }
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse) {
    this.openHandler = handler;
  }
  /** Emits like Electron: returns whether a listener prevented the default. */
  attempt(eventName: string, url?: string): boolean {
    let prevented = false;
    this.emit(eventName, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

function restricted() {
  const contents = new FakeContents();
  const shell = { openExternal: vi.fn(async () => {}) };
  restrictWebContents(contents as unknown as Parameters<typeof restrictWebContents>[0], shell, createAppUrlCheck(null));
  return { contents, shell };
}

describe('restrictWebContents', () => {
  it('refuses navigation away from the app, and allows it within', () => {
    const { contents } = restricted();
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', 'seedbank-asset://library/images/x.jpg')).toBe(true);
    expect(contents.attempt('will-navigate', 'seedbank-app://app/index.html')).toBe(false);
  });

  it('refuses redirects away from the app and every webview', () => {
    const { contents } = restricted();
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-attach-webview')).toBe(true);
  });

  it('denies every new window; https links go to the OS browser instead', () => {
    const { contents, shell } = restricted();
    const open = (url: string) => contents.openHandler?.({ url } as HandlerDetails);
    expect(open('https://bfl.ai/pricing')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://bfl.ai/pricing');
    for (const url of ['http://bfl.ai', 'file:///etc/passwd', 'seedbank-app://app/index.html', 'javascript:alert(1)']) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('applies to every webContents Electron creates', () => {
    const app = new EventEmitter();
    applySecurityRestrictions(
      app as unknown as Parameters<typeof applySecurityRestrictions>[0],
      { openExternal: vi.fn(async () => {}) },
      createAppUrlCheck(null),
    );
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler).not.toBeNull();
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
    type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
    let request: RequestHandler = null;
    let check: CheckHandler = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
    });
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fileSystem',
    ] as const) {
      const callback = vi.fn();
      (request as unknown as (c: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void)(
        {},
        permission,
        callback,
        {},
      );
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect((check as unknown as (c: unknown, p: string) => boolean)(null, permission), permission).toBe(false);
    }
  });
});

describe('enforceCsp', () => {
  it('adds the policy to every response and keeps the other headers', () => {
    type Listener = (
      details: OnHeadersReceivedListenerDetails,
      callback: (r: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
    const registered: Listener[] = [];
    enforceCsp(
      { webRequest: { onHeadersReceived: (l: Listener) => void registered.push(l) } } as unknown as Pick<
        Session,
        'webRequest'
      >,
      "default-src 'none'",
    );
    expect(registered).toHaveLength(1);
    const callback = vi.fn();
    registered[0]?.(
      { responseHeaders: { 'Content-Type': ['text/html'] } } as unknown as OnHeadersReceivedListenerDetails,
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] },
    });
  });
});
