import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addImages, openTestLibrary, type TestLibrary } from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

const exists = (relative: string) => fs.existsSync(path.join(t.home, relative));

describe('trash', () => {
  it('moves the image and its thumbnail under trash/ and restores them', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    const home = t.library.getGeneration(id)!.file;
    expect(await t.library.trash([id])).toBe(1);
    const trashed = t.library.getGeneration(id)!;
    expect(trashed).toMatchObject({
      trashed: true,
      file: `trash/${home}`,
      thumbUrl: `asset://lib/trash/thumbs/${id}.webp`,
    });
    expect(exists(home)).toBe(false);
    expect(exists(`trash/${home}`)).toBe(true);
    expect(exists(`trash/thumbs/${id}.webp`)).toBe(true);

    expect(await t.library.restore([id])).toBe(1);
    expect(t.library.getGeneration(id)).toMatchObject({ trashed: false, file: home });
    expect(exists(home)).toBe(true);
    expect(exists(`thumbs/${id}.webp`)).toBe(true);
  });

  it('emptying the trash deletes trashed images for good and leaves the rest', async () => {
    t = await openTestLibrary();
    const [gone, kept] = (await addImages(t, 2)) as [string, string];
    const file = t.library.getGeneration(gone)!.file;
    await t.library.trash([gone]);
    expect(await t.library.emptyTrash()).toBe(1);
    expect(t.library.getGeneration(gone)).toBeNull();
    expect(exists(`trash/${file}`)).toBe(false);
    expect(t.library.getGeneration(kept)).not.toBeNull();
  });

  it('hands files to the OS trash when the front door offers one', async () => {
    const handed: string[] = [];
    t = await openTestLibrary(undefined, {
      moveToOsTrash: async (file) => {
        handed.push(file);
        fs.rmSync(file);
      },
    });
    const [id] = (await addImages(t, 1)) as [string];
    await t.library.trash([id]);
    const file = path.join(t.home, t.library.getGeneration(id)!.file);
    await t.library.emptyTrash();
    expect(handed).toEqual([file]);
  });

  it('keeps a rating made while trashed and writes it into the trashed file', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    await t.library.trash([id]);
    t.library.rate([id], 5);
    await t.library.flushWriteBack();
    await t.library.restore([id]);
    const { readRecord } = await import('../../metadata');
    expect(readRecord(fs.readFileSync(path.join(t.home, t.library.getGeneration(id)!.file)))?.rating).toBe(5);
  });
});
