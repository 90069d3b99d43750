import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp';
import { isWriteTempName, writeFileAtomic, writeTempPath } from './atomic-write';

describe('writeFileAtomic', () => {
  let dir = '';
  beforeEach(async () => {
    dir = makeTempDir('seedbank-atomic-');
  });

  it('creates a new file with the given content', async () => {
    const file = path.join(dir, 'new.bin');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
  });

  it('replaces an existing file and leaves no temporary file', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect([await readFile(file, 'utf8'), await readdir(dir)]).toEqual(['new', ['settings.json']]);
  });

  it.skipIf(process.platform === 'win32')('keeps the permissions of the file it replaces', async () => {
    const file = path.join(dir, 'private.json');
    await writeFile(file, 'old');
    await chmod(file, 0o600);
    await writeFileAtomic(file, 'new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('fails without touching anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'x.bin'), 'data')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('names its temp file so the start-up cleaner recognises it, and nothing else', () => {
    const temp = path.basename(writeTempPath(path.join(dir, 'images', '2026-11', 'abc.jpg')));
    expect(temp).toMatch(/^\.abc\.jpg\..+\.tmp$/);
    expect(isWriteTempName(temp)).toBe(true);
    for (const name of ['abc.jpg', '.DS_Store', '.notes.tmp', 'abc.jpg.0123abcd.tmp', '.abc.jpg.0123abcd.tmp.bak']) {
      expect(isWriteTempName(name), name).toBe(false);
    }
  });
});
