import fs from 'node:fs';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME,
  createAppHandler,
  createAssetHandler,
  libraryAssetUrl,
  registerPrivilegedSchemes,
  resolveAppRequest,
  resolveLibraryRequest,
  setupProtocols,
} from './protocol';
import { makeTempDir } from '../test/support/temp';
import { ASSET_SCHEME } from './security';
import type { TeamServedRoot } from './core/served-files/served-files';

let tmp: string;
let root: string;
let renderer: string;
const url = (rest: string) => `seedbank-asset://library/${rest}`;

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

beforeAll(() => {
  tmp = fs.realpathSync(makeTempDir('seedbank-protocol-'));
  root = path.join(tmp, 'home');
  renderer = path.join(tmp, 'renderer');
  write(path.join(root, 'images', '2026-11', 'abc.jpg'), 'jpeg bytes');
  write(path.join(root, 'images', '2026-11', 'with space é.png'), 'png bytes');
  write(path.join(root, 'thumbs', 'abc.webp'), 'webp bytes');
  write(path.join(root, 'inputs', `${'a'.repeat(64)}.png`), 'input bytes');
  write(path.join(root, 'library.db'), 'the database');
  write(path.join(renderer, 'index.html'), '<!doctype html><title>Seedbank</title>');
  write(path.join(renderer, 'assets', 'index-123.js'), 'console.log(1)');
  write(path.join(tmp, 'renderer-secret.txt'), 'not part of the renderer');
});

// The served-files rule itself (grammar, links, folders) is tested in core/served-files/, and through
// both front doors in test/integration/served-files-doors.test.ts; here only what the scheme adds.
describe('resolveLibraryRequest', () => {
  it('takes the path of seedbank-asset://library/ and hands it to the served-files rule', async () => {
    expect(await resolveLibraryRequest(root, url('images/2026-11/abc.jpg'))).toMatchObject({
      status: 200,
      file: path.join(root, 'images', '2026-11', 'abc.jpg'),
    });
    expect(await resolveLibraryRequest(root, url('images/%2e%2e/library.db'))).toEqual({ status: 403 });
  });

  it('refuses other hosts and schemes', async () => {
    expect(await resolveLibraryRequest(root, 'seedbank-asset://elsewhere/images/2026-11/abc.jpg')).toEqual({
      status: 403,
    });
    expect(await resolveLibraryRequest(root, `file://${path.join(root, 'images', '2026-11', 'abc.jpg')}`)).toEqual({
      status: 403,
    });
    expect(await resolveLibraryRequest(root, 'seedbank-asset://library')).toEqual({ status: 403 });
  });

  it('ignores the query and fragment', async () => {
    expect(await resolveLibraryRequest(root, url('thumbs/abc.webp?v=2#x'))).toMatchObject({
      status: 200,
      file: path.join(root, 'thumbs', 'abc.webp'),
    });
  });
});

describe('libraryAssetUrl', () => {
  it('encodes each segment and round-trips through the resolver', async () => {
    expect(libraryAssetUrl('images/2026-11/a b#c.jpg')).toBe('seedbank-asset://library/images/2026-11/a%20b%23c.jpg');
    expect(libraryAssetUrl('thumbs\\x.webp')).toBe('seedbank-asset://library/thumbs/x.webp');
    expect(await resolveLibraryRequest(root, libraryAssetUrl('images/2026-11/with space é.png'))).toMatchObject({
      status: 200,
      file: path.join(root, 'images', '2026-11', 'with space é.png'),
    });
  });
});

describe('resolveAppRequest', () => {
  it('serves index.html for the bare origin and files of the built renderer', async () => {
    expect(await resolveAppRequest(renderer, `${APP_SCHEME}://app`)).toMatchObject({
      status: 200,
      file: path.join(renderer, 'index.html'),
    });
    expect(await resolveAppRequest(renderer, `${APP_SCHEME}://app/`)).toMatchObject({
      status: 200,
      file: path.join(renderer, 'index.html'),
    });
    expect(await resolveAppRequest(renderer, `${APP_SCHEME}://app/index.html`)).toMatchObject({
      status: 200,
      file: path.join(renderer, 'index.html'),
    });
    expect(await resolveAppRequest(renderer, `${APP_SCHEME}://app/assets/index-123.js`)).toMatchObject({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('refuses anything outside the renderer folder', async () => {
    expect(await resolveAppRequest(renderer, `${APP_SCHEME}://app/..%2frenderer-secret.txt`)).toEqual({ status: 403 });
    expect(await resolveAppRequest(renderer, `${APP_SCHEME}://app/../renderer-secret.txt`)).toEqual({ status: 403 });
    expect(await resolveAppRequest(renderer, `${APP_SCHEME}://other/index.html`)).toEqual({ status: 403 });
    expect(await resolveAppRequest(renderer, `${APP_SCHEME}://app/missing.js`)).toEqual({ status: 404 });
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

  it('serves a trashed image, so the desktop Trash view shows it', async () => {
    const file = path.join(root, 'trash', 'images', '2026-11', 'gone.jpg');
    write(file, 'trashed jpeg');
    const response = await createAssetHandler(root)(new Request(url('trash/images/2026-11/gone.jpg')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(await response.text()).toBe('trashed jpeg');
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

  it('serves the page through pageHtml (the first page put in), with the CSP, and the scripts untouched', async () => {
    const handler = createAppHandler(
      renderer,
      "default-src 'none'",
      async (html) => `${html}<!--with the first page-->`,
    );
    const page = await handler(new Request(`${APP_SCHEME}://app/`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await page.text()).toMatch(/<!--with the first page-->$/);
    const script = await handler(new Request(`${APP_SCHEME}://app/assets/index-123.js`));
    expect(await script.text()).toBe('console.log(1)');
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

describe('a team library through the scheme', () => {
  const LIBRARY = '3f0c7c1e-8d2a-4b6e-9a51-2c7d0e4f5a6b';
  const ID = '01kb2m3n4p5q6r7s8t9v0w1x2y';
  let team: TeamServedRoot;
  const teamUrl = (rest: string) => url(`team/${LIBRARY}/${rest}`);

  beforeAll(() => {
    team = { libraryId: LIBRARY, folder: path.join(tmp, 'share'), thumbs: path.join(root, 'team', LIBRARY, 'thumbs') };
    write(path.join(team.folder, 'images', '2026-11', `${ID}.jpg`), 'team jpeg');
    write(path.join(team.folder, 'seedbank-library-id'), LIBRARY);
  });

  it('streams a shared-folder image at seedbank-asset://library/team/<library id>/…, the thumbnail made first', async () => {
    const asked: string[] = [];
    const handler = createAssetHandler(
      root,
      () => [],
      async (raw) => {
        asked.push(raw);
        if (raw.endsWith('.webp')) write(path.join(team.thumbs, `${ID}.webp`), 'made on demand');
      },
      () => team,
    );
    const image = await handler(new Request(teamUrl(`images/2026-11/${ID}.jpg`)));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(await image.text()).toBe('team jpeg');
    const thumb = await handler(new Request(teamUrl(`thumbs/${ID}.webp`)));
    expect(await thumb.text()).toBe('made on demand');
    expect(asked).toEqual([`team/${LIBRARY}/images/2026-11/${ID}.jpg`, `team/${LIBRARY}/thumbs/${ID}.webp`]);
  });

  it('refuses the share’s other files, traversal, and any write; nothing is served once no team library is in use', async () => {
    let current: TeamServedRoot | null = team;
    const handler = createAssetHandler(
      root,
      () => [],
      undefined,
      () => current,
    );
    for (const rest of ['seedbank-library-id', 'images/%2e%2e/seedbank-library-id', 'images/..%2f..%2flibrary.db'])
      expect((await handler(new Request(teamUrl(rest)))).status, rest).toBe(403);
    for (const method of ['PUT', 'DELETE', 'POST']) {
      const response = await handler(new Request(teamUrl(`images/2026-11/${ID}.jpg`), { method, body: 'x' }));
      expect(response.status).toBe(405);
    }
    expect(fs.readFileSync(path.join(team.folder, 'images', '2026-11', `${ID}.jpg`), 'utf8')).toBe('team jpeg');
    current = null;
    expect((await handler(new Request(teamUrl(`images/2026-11/${ID}.jpg`)))).status).toBe(403);
  });

  it('setupProtocols asks for the team library at each request', async () => {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    setupProtocols(
      {
        handle: (scheme, h) => {
          if (scheme === ASSET_SCHEME) handler = h as (request: Request) => Promise<Response>;
        },
      },
      { libraryRoot: root, team: () => team, rendererRoot: null, csp: '' },
    );
    expect((await handler!(new Request(teamUrl(`images/2026-11/${ID}.jpg`)))).status).toBe(200);
  });
});
