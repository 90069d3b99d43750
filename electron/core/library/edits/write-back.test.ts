import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecord } from '../../metadata';
import { addImages, openTestLibrary, type TestLibrary } from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

function fileRecord(id: string) {
  const generation = t.library.getGeneration(id);
  if (!generation) throw new Error(`no generation ${id}`);
  return readRecord(fs.readFileSync(path.join(t.home, generation.file)));
}

describe('write-back into the image files', () => {
  it('puts favourite, rating, tags and project name into the embedded record', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    const project = t.library.projects.create('Night sky');
    t.library.favorite([id], true);
    t.library.rate([id], 4);
    t.library.tag([id], ['stars', 'long exposure'], []);
    t.library.move([id], project.id);
    await t.library.flushWriteBack();
    expect(fileRecord(id)).toMatchObject({
      favorite: true,
      rating: 4,
      tags: ['long exposure', 'stars'],
      projectName: 'Night sky',
    });
  });

  it('ends with the last of many quick changes to one file', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    for (const rating of [1, 2, 3, 4, 5, 2]) t.library.rate([id], rating);
    await t.library.flushWriteBack();
    expect(fileRecord(id)?.rating).toBe(2);
  });

  it('writes a renamed project name into every image of the project without moving a file', async () => {
    t = await openTestLibrary();
    const project = t.library.projects.create('Drafts');
    const added = await addImages(t, 3, () => ({ projectName: 'Drafts' }));
    const before = added.map((id) => t.library.getGeneration(id)?.file);
    t.library.projects.rename(project.id, 'Finals');
    await t.library.flushWriteBack();
    expect(added.map((id) => t.library.getGeneration(id)?.file)).toEqual(before);
    for (const id of added) expect(fileRecord(id)?.projectName).toBe('Finals');
  });

  it('finishes write-back that a quit interrupted when the library opens again', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    // An edit made by another process (or a quit before the queue ran) leaves the row dirty.
    t.ctx.db.prepare('UPDATE generations SET rating = 5, record_dirty = 1 WHERE id = ?').run(id);
    const home = t.home;
    await t.close();
    t = await openTestLibrary(home);
    await t.library.flushWriteBack();
    expect(fileRecord(id)?.rating).toBe(5);
  });
});
