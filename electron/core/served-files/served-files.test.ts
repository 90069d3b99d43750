import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeServedPath } from './path-grammar';
import {
  libraryServedFolders,
  resolveServedRelativePath,
  resolveServedUrlPath,
  teamServedPath,
  type ServedFolder,
  type TeamServedRoot,
} from './served-files';

let tmp: string;
let root: string;
let outside: string;
let folders: ServedFolder[];

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-served-')));
  root = path.join(tmp, 'home');
  outside = path.join(tmp, 'outside');
  folders = libraryServedFolders(root);
  write(path.join(root, 'images', '2026-11', 'abc.jpg'), 'jpeg bytes');
  write(path.join(root, 'images', '2026-11', 'with space é.png'), 'png bytes');
  write(path.join(root, 'thumbs', 'abc.webp'), 'webp bytes');
  write(path.join(root, 'inputs', `${'a'.repeat(64)}.png`), 'input bytes');
  write(path.join(root, 'trash', 'images', '2026-11', 'gone.jpg'), 'trashed bytes');
  write(path.join(root, 'library.db'), 'the database');
  write(path.join(root, 'settings.json'), '{}');
  write(path.join(root, 'tmp', 'jobs', 'x.download'), 'parked');
  write(path.join(outside, 'secret.txt'), 'secret');
  write(path.join(outside, 'watched', 'w.jpg'), 'watched bytes');
  write(path.join(outside, 'watched', 'sub', 'ComfyUI_00001_.png'), 'comfy bytes');
  write(path.join(outside, 'watched', 'notes.txt'), 'the person’s notes');
  write(path.join(outside, 'watched', 'workflow.json'), '{}');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(outside, 'watched', 'leak.jpg'));
  fs.symlinkSync(path.join(outside, 'watched', 'notes.txt'), path.join(outside, 'watched', 'notes.png'));
  fs.symlinkSync(path.join(root, 'library.db'), path.join(outside, 'watched', 'db.png'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'images', 'out-file.jpg'));
  fs.symlinkSync(outside, path.join(root, 'images', 'out-dir'));
  fs.symlinkSync('../../library.db', path.join(root, 'images', '2026-11', 'db.jpg'));
  fs.symlinkSync('..', path.join(root, 'images', 'up'));
  fs.symlinkSync(path.join(root, 'images', '2026-11', 'abc.jpg'), path.join(root, 'thumbs', 'alias.jpg'));
  fs.symlinkSync(path.join(root, 'missing-target.jpg'), path.join(root, 'images', 'dangling.jpg'));
  fs.symlinkSync('loop.jpg', path.join(root, 'images', 'loop.jpg'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const served = (rawPath: string) => resolveServedUrlPath(folders, rawPath);

describe('the served-files rule', () => {
  it('serves files in images/, thumbs/, inputs/ and trash/ with their content type and size', async () => {
    expect(await served('images/2026-11/abc.jpg')).toEqual({
      status: 200,
      file: path.join(root, 'images', '2026-11', 'abc.jpg'),
      size: 'jpeg bytes'.length,
      contentType: 'image/jpeg',
    });
    expect(await served('thumbs/abc.webp')).toMatchObject({ status: 200, contentType: 'image/webp' });
    expect(await served(`inputs/${'a'.repeat(64)}.png`)).toMatchObject({ status: 200, contentType: 'image/png' });
    expect(await served('trash/images/2026-11/gone.jpg')).toMatchObject({ status: 200, contentType: 'image/jpeg' });
  });

  it('decodes a percent-encoded name once, as encodeServedPath writes it', async () => {
    expect(encodeServedPath('images/2026-11/a b#c.jpg')).toBe('images/2026-11/a%20b%23c.jpg');
    expect(await served(encodeServedPath('images/2026-11/with space é.png'))).toMatchObject({
      status: 200,
      file: path.join(root, 'images', '2026-11', 'with space é.png'),
    });
  });

  it('answers 404 for a missing file, a folder, a dangling link and a link loop', async () => {
    for (const rest of ['images/2026-11/nope.jpg', 'images/2026-11', 'images/dangling.jpg', 'images/loop.jpg']) {
      expect(await served(rest), rest).toEqual({ status: 404 });
    }
  });

  it('refuses everything beside the served folders', async () => {
    for (const rest of ['library.db', 'settings.json', 'tmp/jobs/x.download', 'images', 'trash', '']) {
      expect(await served(rest), rest).toEqual({ status: 403 });
    }
  });

  it.each([
    ['dot-dot', 'images/../library.db'],
    ['dot-dot to the parent', 'images/../../outside/secret.txt'],
    ['single dot', 'images/./2026-11/abc.jpg'],
    ['encoded dots', 'images/%2e%2e/library.db'],
    ['mixed-case encoded dots', 'images/%2E%2e/library.db'],
    ['half-encoded dots', 'images/.%2e/library.db'],
    ['encoded single dot', 'images/%2e/2026-11/abc.jpg'],
    ['encoded slash', 'images/..%2flibrary.db'],
    ['encoded slash inside a name', 'images/2026-11%2fabc.jpg'],
    ['encoded backslash', 'images/..%5clibrary.db'],
    ['raw backslash', 'images\\..\\library.db'],
    ['double encoding', 'images/%252e%252e/library.db'],
    ['double-encoded slash', 'images/2026-11%252fabc.jpg'],
    ['absolute path inside a segment', `images/${encodeURIComponent('/etc/passwd')}`],
    ['absolute path as the whole path', encodeURIComponent('/etc/passwd')],
    ['leading slash', '/etc/passwd'],
    ['empty segment', 'images//2026-11/abc.jpg'],
    ['trailing slash', 'images/2026-11/'],
    ['Windows drive', 'images/C:/Windows/win.ini'],
    ['encoded Windows drive', 'images/C%3A%5CWindows%5Cwin.ini'],
    ['UNC path', 'images/%5C%5Cserver%5Cshare%5Cx.jpg'],
    ['NTFS stream', 'images/2026-11/abc.jpg:stream'],
    ['NUL byte', 'images/2026-11/abc.jpg%00.png'],
    ['control character', 'images/2026-11/abc%0a.jpg'],
    ['Windows device name', 'images/CON.jpg'],
    ['Windows device name without extension', 'images/lpt1'],
    ['malformed escape', 'images/%E0%A4%A.jpg'],
  ])('refuses %s', async (_name, rest) => {
    expect(await served(rest)).toEqual({ status: 403 });
  });

  it('refuses links whose real target leaves the served folders', async () => {
    for (const rest of [
      'images/out-file.jpg',
      'images/out-dir/secret.txt',
      'images/2026-11/db.jpg',
      'images/up/settings.json',
      'images/up/library.db',
    ]) {
      expect(await served(rest), rest).toEqual({ status: 403 });
    }
  });

  it('follows a link that stays within the served folders', async () => {
    expect(await served('thumbs/alias.jpg')).toMatchObject({
      status: 200,
      file: path.join(root, 'images', '2026-11', 'abc.jpg'),
    });
    // `images/up` leads to the library folder; through it, only what is served is reachable.
    expect(await served('images/up/thumbs/abc.webp')).toMatchObject({ status: 200 });
  });

  it('works when the library folder itself is reached through a link', async () => {
    const linkedHome = path.join(tmp, 'linked-home');
    fs.symlinkSync(root, linkedHome);
    const linked = libraryServedFolders(linkedHome);
    expect(await resolveServedUrlPath(linked, 'thumbs/abc.webp')).toMatchObject({
      status: 200,
      file: path.join(root, 'thumbs', 'abc.webp'),
    });
    expect(await resolveServedUrlPath(linked, 'images/out-file.jpg')).toEqual({ status: 403 });
  });

  it('takes stored library paths through the same grammar (drag-out)', async () => {
    expect(await resolveServedRelativePath(folders, 'images/2026-11/with space é.png')).toMatchObject({ status: 200 });
    expect(await resolveServedRelativePath(folders, 'images/../library.db')).toEqual({ status: 403 });
    expect(await resolveServedRelativePath(folders, path.join(root, 'library.db'))).toEqual({ status: 403 });
    expect(await resolveServedRelativePath(folders, 'images/2026-11/db.jpg')).toEqual({ status: 403 });
  });

  it('serves an extra read-only root under its own mount, and nothing beside it', async () => {
    const withWatched = [...folders, { mount: ['watched', 'w1'], dir: path.join(outside, 'watched') }];
    expect(await resolveServedUrlPath(withWatched, 'watched/w1/w.jpg')).toMatchObject({
      status: 200,
      file: path.join(outside, 'watched', 'w.jpg'),
    });
    expect(await resolveServedUrlPath(withWatched, 'watched/w1/../secret.txt')).toEqual({ status: 403 });
    expect(await resolveServedUrlPath(withWatched, 'watched/secret.txt')).toEqual({ status: 403 });
    expect(await resolveServedUrlPath(folders, 'watched/w1/w.jpg')).toEqual({ status: 403 });
  });

  describe('a watched folder (libraryServedFolders with the watch list)', () => {
    const watchedFolders = () => libraryServedFolders(root, [{ id: 'w1', path: path.join(outside, 'watched') }]);
    const inWatched = (rest: string) => resolveServedUrlPath(watchedFolders(), rest);

    it('serves its images, in subfolders too, read from where they are', async () => {
      expect(await inWatched('watched/w1/w.jpg')).toMatchObject({
        status: 200,
        file: path.join(outside, 'watched', 'w.jpg'),
        contentType: 'image/jpeg',
      });
      expect(await inWatched('watched/w1/sub/ComfyUI_00001_.png')).toMatchObject({
        status: 200,
        contentType: 'image/png',
      });
      expect(await resolveServedRelativePath(watchedFolders(), 'watched/w1/sub/ComfyUI_00001_.png')).toMatchObject({
        status: 200,
      });
    });

    it('refuses the person’s other files in it, and links out of it or to a non-image', async () => {
      for (const rest of [
        'watched/w1/notes.txt',
        'watched/w1/workflow.json',
        'watched/w1/leak.jpg',
        'watched/w1/notes.png',
        'watched/w1/db.png',
        'watched/w1/../secret.txt',
        'watched/w1/%2e%2e/secret.txt',
        'watched/w2/w.jpg',
        'watched/w.jpg',
      ]) {
        expect(await inWatched(rest), rest).toEqual({ status: 403 });
      }
    });

    it('is not served once it is off the list', async () => {
      expect(await resolveServedUrlPath(libraryServedFolders(root, []), 'watched/w1/w.jpg')).toEqual({ status: 403 });
    });
  });

  describe('a team library (libraryServedFolders with the team root)', () => {
    const LIBRARY = '3f0c7c1e-8d2a-4b6e-9a51-2c7d0e4f5a6b';
    const ID = '01kb2m3n4p5q6r7s8t9v0w1x2y';
    let team: TeamServedRoot;
    let teamFolders: ServedFolder[];
    const inTeam = (rest: string) => resolveServedUrlPath(teamFolders, teamServedPath(LIBRARY, rest));

    beforeAll(() => {
      const share = path.join(tmp, 'share');
      team = { libraryId: LIBRARY, folder: share, thumbs: path.join(root, 'team', LIBRARY, 'thumbs') };
      teamFolders = libraryServedFolders(root, [], team);
      write(path.join(share, 'images', '2026-11', `${ID}.jpg`), 'team jpeg');
      write(path.join(share, 'trash', 'images', '2026-10', `${ID}.png`), 'team trashed png');
      write(path.join(share, 'seedbank-library-id'), LIBRARY);
      write(path.join(share, 'images', '2026-11', 'notes.txt'), 'a person’s notes');
      write(path.join(share, 'images', '2026-11', `.${ID}.jpg.0a1b2c3d4e5f.tmp`), 'half written');
      write(path.join(share, 'images', `${ID}.jpg`), 'not in a month folder');
      write(path.join(share, 'images', '2026-11', 'deeper', `${ID}.jpg`), 'too deep');
      write(path.join(team.thumbs, `${ID}.webp`), 'team thumb');
      write(path.join(team.thumbs, 'notathumb.webp'), 'not named by an id');
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(share, 'images', '2026-11', 'leak.jpg'));
      fs.symlinkSync(path.join(root, 'library.db'), path.join(share, 'images', '2026-11', 'db.jpg'));
      fs.symlinkSync(outside, path.join(share, 'images', '2026-12'));
      fs.symlinkSync(path.join(outside, 'watched', 'w.jpg'), path.join(share, 'images', '2026-11', 'elsewhere.jpg'));
    });

    it('serves the shared folder’s images and trash, and this workstation’s cached thumbnails, under team/<library id>/', async () => {
      expect(await inTeam(`images/2026-11/${ID}.jpg`)).toMatchObject({
        status: 200,
        file: path.join(team.folder, 'images', '2026-11', `${ID}.jpg`),
        contentType: 'image/jpeg',
      });
      expect(await inTeam(`trash/images/2026-10/${ID}.png`)).toMatchObject({ status: 200, contentType: 'image/png' });
      for (const rest of [`thumbs/${ID}.webp`, `trash/thumbs/${ID}.webp`])
        expect(await inTeam(rest), rest).toMatchObject({ status: 200, file: path.join(team.thumbs, `${ID}.webp`) });
      // Drag-out takes the row's path through the same rule.
      expect(
        await resolveServedRelativePath(teamFolders, teamServedPath(LIBRARY, `images/2026-11/${ID}.jpg`)),
      ).toMatchObject({
        status: 200,
      });
    });

    it('answers 404 for an image of the layout that is not there', async () => {
      expect(await inTeam(`images/2026-11/${'0'.repeat(26)}.jpg`)).toEqual({ status: 404 });
      expect(await inTeam(`thumbs/${'0'.repeat(26)}.webp`)).toEqual({ status: 404 });
    });

    it('refuses everything on the share beside the library’s image layout', async () => {
      for (const rest of [
        'seedbank-library-id',
        'images/2026-11/notes.txt',
        `images/2026-11/.${ID}.jpg.0a1b2c3d4e5f.tmp`,
        `images/${ID}.jpg`,
        `images/2026-11/deeper/${ID}.jpg`,
        `images/2026-13/${ID}.jpg`,
        'thumbs/notathumb.webp',
        `thumbs/${ID}.jpg`,
        'trash',
        'images',
      ]) {
        expect(await inTeam(rest), rest).toEqual({ status: 403 });
      }
    });

    it('refuses traversal and links that lead off the share, and another library’s id', async () => {
      for (const rest of [
        `images/2026-11/../../seedbank-library-id`,
        `images/%2e%2e/2026-11/${ID}.jpg`,
        `images/2026-11%2f..%2f..%2fseedbank-library-id`,
        'images/2026-11/leak.jpg',
        'images/2026-11/db.jpg',
        'images/2026-12/secret.txt',
        `thumbs/..%2f..%2f..%2flibrary.db`,
      ]) {
        expect(await inTeam(rest), rest).toEqual({ status: 403 });
      }
      // A link from the share to a file outside every served folder (a watched folder not on the list).
      expect(await inTeam('images/2026-11/elsewhere.jpg')).toEqual({ status: 403 });
      const other = teamServedPath('00000000-0000-4000-8000-000000000000', `images/2026-11/${ID}.jpg`);
      expect(await resolveServedUrlPath(teamFolders, other)).toEqual({ status: 403 });
      expect(await resolveServedUrlPath(teamFolders, `team/${LIBRARY}/..%2f..%2fimages/2026-11/abc.jpg`)).toEqual({
        status: 403,
      });
    });

    it('is not served when no team library is in use, and this computer’s folder stays served beside it', async () => {
      expect(await resolveServedUrlPath(folders, teamServedPath(LIBRARY, `images/2026-11/${ID}.jpg`))).toEqual({
        status: 403,
      });
      expect(await resolveServedUrlPath(teamFolders, 'images/2026-11/abc.jpg')).toMatchObject({ status: 200 });
    });
  });
});
