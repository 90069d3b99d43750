/**
 * One table of requests for library files, run through both front doors that serve them: the
 * app's `seedbank-asset://` protocol handler and the web host's `/asset/<token>/…` route over a
 * real socket. Both must give every case the same answer — the served-files rule in the core is
 * the only place that decides — including the Trash view's `trash/…` files and links that lead
 * out of the served folders to the database or the settings.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../electron/core/events';
import { createAssetHandler } from '../../electron/protocol';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import type { TeamServedRoot } from '../../electron/core/served-files/served-files';

interface Answer {
  status: number;
  contentType: string | null;
  nosniff: string | null;
  body: string;
}

interface Case {
  name: string;
  /** The request's path inside the library, exactly as it goes on the wire (percent-encoded). */
  path: string;
  expected: { status: 200; type: string; body: string } | { status: 403 | 404 };
}

const HASH = 'a'.repeat(64);
const TEAM = 'team/3f0c7c1e-8d2a-4b6e-9a51-2c7d0e4f5a6b';
const GEN = '01kb2m3n4p5q6r7s8t9v0w1x2y';
const ok = (type: string, body: string) => ({ status: 200, type, body }) as const;
const FORBIDDEN = { status: 403 } as const;
const NOT_FOUND = { status: 404 } as const;

const CASES: Case[] = [
  // Served: each media folder, the trash, an encoded name and a link that stays inside.
  { name: 'an image', path: 'images/2026-11/abc.jpg', expected: ok('image/jpeg', 'JPEG') },
  { name: 'a thumbnail', path: 'thumbs/abc.webp', expected: ok('image/webp', 'WEBP') },
  { name: 'a reference input', path: `inputs/${HASH}.png`, expected: ok('image/png', 'PNG') },
  { name: 'a trashed image', path: 'trash/images/2026-11/gone.jpg', expected: ok('image/jpeg', 'TRASHED') },
  { name: 'a trashed thumbnail', path: 'trash/thumbs/gone.webp', expected: ok('image/webp', 'TRASHED THUMB') },
  { name: 'an encoded name', path: 'images/2026-11/with%20space%20%C3%A9.png', expected: ok('image/png', 'SPACE') },
  { name: 'a link to another served file', path: 'thumbs/alias.jpg', expected: ok('image/jpeg', 'JPEG') },
  // Beside the media folders.
  { name: 'the database', path: 'library.db', expected: FORBIDDEN },
  { name: 'the settings', path: 'settings.json', expected: FORBIDDEN },
  { name: 'a log', path: 'logs/seedbank.log', expected: FORBIDDEN },
  { name: 'a parked download', path: 'tmp/jobs/j.download', expected: FORBIDDEN },
  { name: 'a served folder itself', path: 'images', expected: FORBIDDEN },
  // Traversal and encodings.
  { name: 'dot-dot', path: 'images/../library.db', expected: FORBIDDEN },
  { name: 'dot-dot out of the library', path: 'images/../../outside.txt', expected: FORBIDDEN },
  { name: 'encoded dots', path: 'images/%2e%2e/library.db', expected: FORBIDDEN },
  { name: 'encoded slash', path: 'images/..%2flibrary.db', expected: FORBIDDEN },
  { name: 'encoded backslash', path: 'images/..%5clibrary.db', expected: FORBIDDEN },
  { name: 'raw backslash', path: 'images\\..\\library.db', expected: FORBIDDEN },
  { name: 'double encoding', path: 'images/%252e%252e/library.db', expected: FORBIDDEN },
  { name: 'an encoded absolute path', path: '%2Fetc%2Fpasswd', expected: FORBIDDEN },
  { name: 'an empty segment', path: 'images//2026-11/abc.jpg', expected: FORBIDDEN },
  { name: 'a NUL byte', path: 'images/2026-11/abc.jpg%00.png', expected: FORBIDDEN },
  { name: 'a Windows drive', path: 'images/C:/Windows/win.ini', expected: FORBIDDEN },
  { name: 'a Windows device name', path: 'images/CON.jpg', expected: FORBIDDEN },
  // Links that lead out of the served folders.
  { name: 'a link to a file outside', path: 'images/out-file.jpg', expected: FORBIDDEN },
  { name: 'a folder link outside', path: 'images/out-dir/outside.txt', expected: FORBIDDEN },
  { name: 'a relative link to the database', path: 'images/2026-11/x.jpg', expected: FORBIDDEN },
  { name: 'an absolute link to the database', path: 'thumbs/db.webp', expected: FORBIDDEN },
  { name: 'a folder link to the library folder', path: 'images/l/settings.json', expected: FORBIDDEN },
  // A watched folder: served read-only under watched/<id>/, images only, nothing beside it.
  { name: 'a watched image', path: 'watched/w1/ComfyUI_00001_.png', expected: ok('image/png', 'COMFY') },
  { name: 'a watched image in a subfolder', path: 'watched/w1/day%201/a.jpg', expected: ok('image/jpeg', 'DAY') },
  { name: 'another file in a watched folder', path: 'watched/w1/workflow.json', expected: FORBIDDEN },
  { name: 'a watched link to a file outside', path: 'watched/w1/leak.png', expected: FORBIDDEN },
  { name: 'a watched link to the database', path: 'watched/w1/db.jpg', expected: FORBIDDEN },
  { name: 'dot-dot out of a watched folder', path: 'watched/w1/../outside.txt', expected: FORBIDDEN },
  { name: 'a folder not on the watch list', path: 'watched/w2/ComfyUI_00001_.png', expected: FORBIDDEN },
  { name: 'a missing watched image', path: 'watched/w1/nope.png', expected: NOT_FOUND },
  // A team library: the shared folder read-only under team/<library id>/, the library's layout only.
  { name: 'a team image', path: `${TEAM}/images/2026-11/${GEN}.jpg`, expected: ok('image/jpeg', 'TEAM JPEG') },
  {
    name: 'a trashed team image',
    path: `${TEAM}/trash/images/2026-11/${GEN}.png`,
    expected: ok('image/png', 'TEAM TRASHED'),
  },
  { name: 'a cached team thumbnail', path: `${TEAM}/thumbs/${GEN}.webp`, expected: ok('image/webp', 'TEAM THUMB') },
  { name: 'the share’s library id', path: `${TEAM}/seedbank-library-id`, expected: FORBIDDEN },
  { name: 'another file on the share', path: `${TEAM}/images/2026-11/notes.txt`, expected: FORBIDDEN },
  { name: 'an image outside a month folder', path: `${TEAM}/images/${GEN}.jpg`, expected: FORBIDDEN },
  { name: 'dot-dot out of the share', path: `${TEAM}/images/..%2f..%2foutside.txt`, expected: FORBIDDEN },
  { name: 'a share link to the database', path: `${TEAM}/images/2026-11/db.jpg`, expected: FORBIDDEN },
  {
    name: 'another team library',
    path: `team/00000000-0000-4000-8000-000000000000/images/2026-11/${GEN}.jpg`,
    expected: FORBIDDEN,
  },
  { name: 'a missing team image', path: `${TEAM}/images/2026-11/${'0'.repeat(26)}.jpg`, expected: NOT_FOUND },
  // Allowed paths that name nothing.
  { name: 'a missing image', path: 'images/2026-11/nope.jpg', expected: NOT_FOUND },
  { name: 'a missing trashed image', path: 'trash/images/2026-11/nope.jpg', expected: NOT_FOUND },
  { name: 'a folder', path: 'images/2026-11', expected: NOT_FOUND },
  { name: 'a dangling link', path: 'images/dangling.jpg', expected: NOT_FOUND },
];

let tmp: string;
let library: string;
let host: WebHost;
let watched: { id: string; path: string }[] = [];
let team: TeamServedRoot;

function write(relative: string, content: string) {
  const file = path.join(tmp, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

beforeAll(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-doors-')));
  library = path.join(tmp, 'library');
  write('library/images/2026-11/abc.jpg', 'JPEG');
  write('library/images/2026-11/with space é.png', 'SPACE');
  write('library/thumbs/abc.webp', 'WEBP');
  write(`library/inputs/${HASH}.png`, 'PNG');
  write('library/trash/images/2026-11/gone.jpg', 'TRASHED');
  write('library/trash/thumbs/gone.webp', 'TRASHED THUMB');
  write('library/library.db', 'SECRET DATABASE');
  write('library/settings.json', 'SECRET SETTINGS');
  write('library/logs/seedbank.log', 'SECRET LOG');
  write('library/tmp/jobs/j.download', 'SECRET PARKED');
  write('outside/outside.txt', 'SECRET OUTSIDE');
  write('outside.txt', 'SECRET OUTSIDE');
  write('comfy/output/ComfyUI_00001_.png', 'COMFY');
  write('comfy/output/day 1/a.jpg', 'DAY');
  write('comfy/output/workflow.json', 'SECRET WORKFLOW');
  fs.symlinkSync(path.join(tmp, 'outside', 'outside.txt'), path.join(tmp, 'comfy/output/leak.png'));
  fs.symlinkSync(path.join(library, 'library.db'), path.join(tmp, 'comfy/output/db.jpg'));
  const link = (target: string, at: string) => fs.symlinkSync(target, path.join(library, at));
  link(path.join(library, 'images', '2026-11', 'abc.jpg'), 'thumbs/alias.jpg');
  link(path.join(tmp, 'outside', 'outside.txt'), 'images/out-file.jpg');
  link(path.join(tmp, 'outside'), 'images/out-dir');
  link('../../library.db', 'images/2026-11/x.jpg');
  link(path.join(library, 'library.db'), 'thumbs/db.webp');
  link('..', 'images/l');
  link(path.join(library, 'nowhere.jpg'), 'images/dangling.jpg');
  watched = [{ id: 'w1', path: path.join(tmp, 'comfy', 'output') }];
  team = {
    libraryId: TEAM.slice('team/'.length),
    folder: path.join(tmp, 'share'),
    thumbs: path.join(library, 'team', 'thumbs'),
  };
  write(`share/images/2026-11/${GEN}.jpg`, 'TEAM JPEG');
  write(`share/trash/images/2026-11/${GEN}.png`, 'TEAM TRASHED');
  write('share/seedbank-library-id', 'SECRET ID');
  write('share/images/2026-11/notes.txt', 'SECRET NOTES');
  write(`share/images/${GEN}.jpg`, 'SECRET LOOSE');
  write(`library/team/thumbs/${GEN}.webp`, 'TEAM THUMB');
  fs.symlinkSync(path.join(library, 'library.db'), path.join(tmp, 'share/images/2026-11/db.jpg'));
  const bus = new EventBus();
  host = await startWebHost({
    dispatch: async () => ({ error: { code: 'NOT_FOUND', message: 'not in this test' } }),
    bus,
    libraryRoot: library,
    watched: () => watched,
    team: () => team,
    rendererDir: path.join(tmp, 'renderer'),
    token: 'tok',
  });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function throughProtocol(rawPath: string): Promise<Answer> {
  const response = await createAssetHandler(
    library,
    () => watched,
    undefined,
    () => team,
  )(new Request(`seedbank-asset://library/${rawPath}`));
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    nosniff: response.headers.get('x-content-type-options'),
    body: await response.text(),
  };
}

function throughWebHost(rawPath: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: `/asset/tok/${rawPath}`,
        headers: { host: `127.0.0.1:${host.port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? null,
            nosniff: (res.headers['x-content-type-options'] as string | undefined) ?? null,
            body,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const DOORS = [
  ['the app protocol handler', throughProtocol],
  ['the web host over HTTP', throughWebHost],
] as const;

describe.each(DOORS)('library files through %s', (_door, fetchFile) => {
  it.each(CASES)('$name: $path', async ({ path: rawPath, expected }) => {
    const answer = await fetchFile(rawPath);
    if (expected.status === 200) {
      expect(answer).toEqual({ status: 200, contentType: expected.type, nosniff: 'nosniff', body: expected.body });
    } else {
      expect(answer.status).toBe(expected.status);
      expect(answer.body).toBe(expected.status === 403 ? 'Forbidden' : 'Not found');
    }
  });
});
