import fs from 'node:fs';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test/support/temp';
import {
  APP_SCHEME,
  createAppHandler,
  createAssetHandler,
  libraryAssetUrl,
  registerPrivilegedSchemes,
  resolveAppPath,
  resolveLibraryPath,
  setupProtocols,
} from './protocol';
import { ASSET_SCHEME } from './security';

let tmp: string;
let root: string;
let outside: string;
let renderer: string;
const url = (rest: string) => `seedbank-asset://library/${rest}`;

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

beforeAll(() => {
  tmp = fs.realpathSync(makeTempDir('seedbank-protocol-'));
  root = path.join(tmp, 'home');
  outside = path.join(tmp, 'outside');
  renderer = path.join(tmp, 'renderer');
  write(path.join(root, 'images', '2026-11', 'abc.jpg'), 'jpeg bytes');
  write(path.join(root, 'images', '2026-11', 'with space é.png'), 'png bytes');
  write(path.join(root, 'thumbs', 'abc.webp'), 'webp bytes');
  write(path.join(root, 'inputs', `${'a'.repeat(64)}.png`), 'input bytes');
  write(path.join(root, 'library.db'), 'the database');
  write(path.join(root, 'settings.json'), '{}');
  write(path.join(root, 'logs', 'seedbank.log'), 'log');
  write(path.join(outside, 'secret.txt'), 'secret');
  fs.mkdirSync(path.join(outside, 'images'), { recursive: true });
  write(path.join(outside, 'images', 'x.jpg'), 'outside image');
  // Symlinks: a file and a folder that lead out, one that leads to the database, one that stays inside.
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'images', 'out-file.jpg'));
  fs.symlinkSync(outside, path.join(root, 'images', 'out-dir'));
  fs.symlinkSync(path.join(root, 'library.db'), path.join(root, 'thumbs', 'db.webp'));
  fs.symlinkSync(path.join(root, 'images', '2026-11', 'abc.jpg'), path.join(root, 'thumbs', 'alias.jpg'));
  fs.symlinkSync(path.join(root, 'missing-target.jpg'), path.join(root, 'images', 'dangling.jpg'));
  write(path.join(renderer, 'index.html'), '<!doctype html><title>Seedbank</title>');
  write(path.join(renderer, 'assets', 'index-123.js'), 'console.log(1)');
  write(path.join(tmp, 'renderer-secret.txt'), 'not part of the renderer');
});

describe('resolveLibraryPath', () => {
  it('serves files inside images/, thumbs/ and inputs/', async () => {
    expect(await resolveLibraryPath(root, url('images/2026-11/abc.jpg'))).toEqual({
      ok: path.join(root, 'images', '2026-11', 'abc.jpg'),
    });
    expect(await resolveLibraryPath(root, url('thumbs/abc.webp'))).toEqual({
      ok: path.join(root, 'thumbs', 'abc.webp'),
    });
    expect(await resolveLibraryPath(root, url(`inputs/${'a'.repeat(64)}.png`))).toHaveProperty('ok');
  });

  it('decodes percent-encoded names once', async () => {
    const resolved = await resolveLibraryPath(root, libraryAssetUrl('images/2026-11/with space é.png'));
    expect(resolved).toEqual({ ok: path.join(root, 'images', '2026-11', 'with space é.png') });
  });

  it('answers 404 for a missing file, a folder and a dangling symlink', async () => {
    expect(await resolveLibraryPath(root, url('images/2026-11/nope.jpg'))).toEqual({ status: 404 });
    expect(await resolveLibraryPath(root, url('images/2026-11'))).toEqual({ status: 404 });
    expect(await resolveLibraryPath(root, url('images/dangling.jpg'))).toEqual({ status: 404 });
  });

  it('refuses files outside the served subfolders', async () => {
    for (const rest of ['library.db', 'settings.json', 'logs/seedbank.log', 'trash/x.jpg', 'images', '']) {
      expect(await resolveLibraryPath(root, url(rest)), rest).toEqual({ status: 403 });
    }
  });

  it.each([
    ['dot-dot', 'images/../library.db'],
    ['dot-dot to the parent', 'images/../../outside/secret.txt'],
    ['single dot', 'images/./2026-11/abc.jpg'],
    ['encoded dots', 'images/%2e%2e/library.db'],
    ['mixed-case encoded dots', 'images/%2E%2e/library.db'],
    ['half-encoded dots', 'images/.%2e/library.db'],
    ['encoded slash', 'images/..%2flibrary.db'],
    ['encoded slash inside a name', 'images/2026-11%2fabc.jpg'],
    ['encoded backslash', 'images/..%5clibrary.db'],
    ['raw backslash', 'images\\..\\library.db'],
    ['double encoding', 'images/%252e%252e/library.db'],
    ['double-encoded slash', 'images/2026-11%252fabc.jpg'],
    ['absolute path', `images/${encodeURIComponent('/etc/passwd')}`],
    ['absolute path as the whole path', encodeURIComponent('/etc/passwd')],
    ['leading slash', '/etc/passwd'],
    ['empty segment', 'images//2026-11/abc.jpg'],
    ['Windows drive', 'images/C:/Windows/win.ini'],
    ['encoded Windows drive', 'images/C%3A%5CWindows%5Cwin.ini'],
    ['UNC path', 'images/%5C%5Cserver%5Cshare%5Cx.jpg'],
    ['NTFS stream', 'images/2026-11/abc.jpg:stream'],
    ['NUL byte', 'images/2026-11/abc.jpg%00.png'],
    ['control character', 'images/2026-11/abc%0a.jpg'],
    ['Windows device name', 'images/CON.jpg'],
    ['malformed escape', 'images/%E0%A4%A.jpg'],
  ])('refuses %s', async (_name, rest) => {
    expect(await resolveLibraryPath(root, url(rest))).toEqual({ status: 403 });
  });

  it('refuses other hosts and schemes', async () => {
    expect(await resolveLibraryPath(root, 'seedbank-asset://elsewhere/images/2026-11/abc.jpg')).toEqual({
      status: 403,
    });
    expect(await resolveLibraryPath(root, `file://${path.join(root, 'images', '2026-11', 'abc.jpg')}`)).toEqual({
      status: 403,
    });
    expect(await resolveLibraryPath(root, 'seedbank-asset://library')).toEqual({ status: 403 });
  });

  it('refuses symlinks that lead out of the library folder', async () => {
    expect(await resolveLibraryPath(root, url('images/out-file.jpg'))).toEqual({ status: 403 });
    expect(await resolveLibraryPath(root, url('images/out-dir/secret.txt'))).toEqual({ status: 403 });
    expect(await resolveLibraryPath(root, url('images/out-dir/images/x.jpg'))).toEqual({ status: 403 });
  });

  it('refuses a symlink inside the library that points at a file it does not serve', async () => {
    expect(await resolveLibraryPath(root, url('thumbs/db.webp'))).toEqual({ status: 403 });
  });

  it('follows a symlink that stays within the served folders', async () => {
    expect(await resolveLibraryPath(root, url('thumbs/alias.jpg'))).toEqual({
      ok: path.join(root, 'images', '2026-11', 'abc.jpg'),
    });
  });

  it('ignores the query and fragment', async () => {
    expect(await resolveLibraryPath(root, url('thumbs/abc.webp?v=2#x'))).toEqual({
      ok: path.join(root, 'thumbs', 'abc.webp'),
    });
  });

  it('works when the library folder itself is reached through a symlink', async () => {
    const linkedHome = path.join(tmp, 'linked-home');
    fs.symlinkSync(root, linkedHome);
    expect(await resolveLibraryPath(linkedHome, url('thumbs/abc.webp'))).toEqual({
      ok: path.join(root, 'thumbs', 'abc.webp'),
    });
    expect(await resolveLibraryPath(linkedHome, url('images/out-file.jpg'))).toEqual({ status: 403 });
  });
});

describe('libraryAssetUrl', () => {
  it('encodes each segment and round-trips through the resolver', () => {
    expect(libraryAssetUrl('images/2026-11/a b#c.jpg')).toBe('seedbank-asset://library/images/2026-11/a%20b%23c.jpg');
    expect(libraryAssetUrl('thumbs\\x.webp')).toBe('seedbank-asset://library/thumbs/x.webp');
  });
});

describe('resolveAppPath', () => {
  it('serves index.html for the bare origin and files of the built renderer', async () => {
    expect(await resolveAppPath(renderer, `${APP_SCHEME}://app`)).toEqual({ ok: path.join(renderer, 'index.html') });
    expect(await resolveAppPath(renderer, `${APP_SCHEME}://app/`)).toEqual({ ok: path.join(renderer, 'index.html') });
    expect(await resolveAppPath(renderer, `${APP_SCHEME}://app/index.html`)).toEqual({
      ok: path.join(renderer, 'index.html'),
    });
    expect(await resolveAppPath(renderer, `${APP_SCHEME}://app/assets/index-123.js`)).toHaveProperty('ok');
  });

  it('refuses anything outside the renderer folder', async () => {
    expect(await resolveAppPath(renderer, `${APP_SCHEME}://app/..%2frenderer-secret.txt`)).toEqual({ status: 403 });
    expect(await resolveAppPath(renderer, `${APP_SCHEME}://app/../renderer-secret.txt`)).toEqual({ status: 403 });
    expect(await resolveAppPath(renderer, `${APP_SCHEME}://other/index.html`)).toEqual({ status: 403 });
    expect(await resolveAppPath(renderer, `${APP_SCHEME}://app/missing.js`)).toEqual({ status: 404 });
  });
});

describe('protocol handlers', () => {
  it('streams a library image with its content type', async () => {
    const handler = createAssetHandler(root);
    const response = await handler(new Request(url('images/2026-11/abc.jpg')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('jpeg bytes');
  });

  it('answers 403, 404 and 405 without a body that leaks a path', async () => {
    const handler = createAssetHandler(root);
    const refused = await handler(new Request(url('images/%2e%2e/library.db')));
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(root);
    expect((await handler(new Request(url('images/none.jpg')))).status).toBe(404);
    expect((await handler(new Request(url('images/2026-11/abc.jpg'), { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await createAssetHandler(root)(new Request(url('thumbs/abc.webp'), { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('webp bytes'.length));
    expect(await response.text()).toBe('');
  });

  it('sends the CSP with every page of the renderer', async () => {
    const response = await createAppHandler(
      renderer,
      "default-src 'none'",
    )(new Request(`${APP_SCHEME}://app/index.html`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
  });

  it('registers both schemes as privileged and handles them', () => {
    const registered: CustomScheme[] = [];
    registerPrivilegedSchemes({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered.map((s) => s.scheme).sort()).toEqual([APP_SCHEME, ASSET_SCHEME].sort());
    const asset = registered.find((s) => s.scheme === ASSET_SCHEME);
    expect(asset?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, stream: true });

    const handled: string[] = [];
    setupProtocols(
      { handle: (scheme) => void handled.push(scheme) },
      { libraryRoot: root, rendererRoot: renderer, csp: '' },
    );
    expect(handled.sort()).toEqual([APP_SCHEME, ASSET_SCHEME].sort());
    const devHandled: string[] = [];
    setupProtocols(
      { handle: (scheme) => void devHandled.push(scheme) },
      { libraryRoot: root, rendererRoot: null, csp: '' },
    );
    expect(devHandled).toEqual([ASSET_SCHEME]);
  });
});
