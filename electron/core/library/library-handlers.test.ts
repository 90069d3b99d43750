import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryPage, LongTaskResult } from '../../../shared/api';
import sharp from 'sharp';
import type { Generation, InputAlpha, InputImage } from '../../../shared/types';
import { readRecord } from '../metadata';
import { createDispatcher } from '../contract/dispatch';
import { anyFolder } from '../folder-access';
import { createLibraryHandlers } from './library-handlers';
import {
  addImages,
  makeImageBytes,
  openTestLibrary,
  tempHome,
  type TestLibrary,
} from '../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

function dispatch() {
  return createDispatcher(createLibraryHandlers(t.library, t.ctx, anyFolder));
}

describe('library channels through the dispatcher', () => {
  it('lists with contract defaults and answers the reveal path', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 2)) as [string];
    const answer = (await dispatch()('library:list', {})) as { result: LibraryPage };
    expect(answer.result.total).toBe(2);
    const reveal = (await dispatch()('library:reveal', { id })) as { result: { path: string } };
    expect(reveal.result.path.startsWith(t.home)).toBe(true);
  });

  it('lists a page without its count, and answers the count on library:count', async () => {
    t = await openTestLibrary();
    await addImages(t, 3);
    const page = (await dispatch()('library:list', { count: false, limit: 2 })) as { result: LibraryPage };
    expect(page.result.items).toHaveLength(2);
    expect(page.result.total).toBeNull();
    expect(await dispatch()('library:count', {})).toEqual({ result: { total: 3 } });
    expect(await dispatch()('library:count', { filter: { search: 'nothing-like-this' } })).toEqual({
      result: { total: 0 },
    });
  });

  it('answers whole records in the order asked, leaving out ids not in the library', async () => {
    t = await openTestLibrary();
    const [a, b, c] = (await addImages(t, 3)) as [string, string, string];
    const answer = (await dispatch()('library:records', { ids: [c, 'not-an-image', a, b] })) as {
      result: Generation[];
    };
    expect(answer.result.map((g) => g.id)).toEqual([c, a, b]);
    // The whole record, as `library:get` gives it (a page's items are thinner).
    expect(answer.result[0]).toEqual(t.library.getDetail(c).generation);
    expect(await dispatch()('library:records', { ids: [] })).toMatchObject({
      error: { code: 'INVALID_INPUT', field: 'ids' },
    });
  });

  it('stores a reference image from base64 and refuses garbage', async () => {
    t = await openTestLibrary();
    const bytes = await makeImageBytes('webp');
    const ok = (await dispatch()('inputs:add', {
      name: 'ref.webp',
      dataBase64: Buffer.from(bytes).toString('base64'),
    })) as {
      result: InputImage;
    };
    expect(ok.result.format).toBe('webp');
    const bad = await dispatch()('inputs:add', { name: 'x', dataBase64: '###' });
    expect(bad).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('reads a reference image’s transparency in the core, one byte per pixel', async () => {
    t = await openTestLibrary();
    // 4×2 RGBA: the left half transparent, the right half opaque.
    const raw = Buffer.alloc(4 * 2 * 4, 255);
    for (const x of [0, 1]) for (const y of [0, 1]) raw[(y * 4 + x) * 4 + 3] = 0;
    const png = await sharp(raw, { raw: { width: 4, height: 2, channels: 4 } })
      .png()
      .toBuffer();
    const added = (await dispatch()('inputs:add', { name: 'cutout.png', dataBase64: png.toString('base64') })) as {
      result: InputImage;
    };
    const answer = (await dispatch()('inputs:alpha', { hash: added.result.hash })) as { result: InputAlpha };
    expect([answer.result.width, answer.result.height]).toEqual([4, 2]);
    expect([...Buffer.from(answer.result.alphaBase64, 'base64')]).toEqual([0, 0, 255, 255, 0, 0, 255, 255]);
    expect(await dispatch()('inputs:alpha', { hash: 'f'.repeat(64) })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('uses a library image as a reference, stored once by the hash of its file', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1)) as [string];
    const first = (await dispatch()('inputs:fromLibrary', { id })) as { result: InputImage };
    const again = (await dispatch()('inputs:fromLibrary', { id })) as { result: InputImage };
    expect(first.result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again.result.hash).toBe(first.result.hash);
    expect(await dispatch()('inputs:fromLibrary', { id: 'no-such-image' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('reads the record of a dropped file, or null for a plain image', async () => {
    t = await openTestLibrary();
    const plain = Buffer.from(await makeImageBytes()).toString('base64');
    expect(await dispatch()('library:inspectFile', { dataBase64: plain })).toEqual({ result: { record: null } });
  });

  it('answers a duplicate project name with a clear INVALID_INPUT', async () => {
    t = await openTestLibrary();
    await dispatch()('projects:create', { name: 'Moss' });
    expect(await dispatch()('projects:create', { name: 'MOSS' })).toMatchObject({
      error: { code: 'INVALID_INPUT', message: 'A project named "Moss" already exists' },
    });
  });

  it('cancelling an unknown task says so', async () => {
    t = await openTestLibrary();
    expect(await dispatch()('library:cancelTask', { taskId: 'nope' })).toEqual({ result: { cancelled: false } });
  });

  it('exports a project through library:export: its images and a manifest.json naming each record', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 3, (i) => ({ projectName: i < 2 ? 'Coast' : null }));
    const coast = t.library.projects.list().projects[0]!;
    const destination = path.join(tempHome('seedbank-export-'), 'Coast export');
    const answer = (await dispatch()('library:export', { projectId: coast.id, destination })) as {
      result: LongTaskResult;
    };
    expect(answer.result).toMatchObject({ done: 2, failed: 0 });
    const manifest = JSON.parse(fs.readFileSync(path.join(destination, 'manifest.json'), 'utf8')) as {
      app: string;
      count: number;
      images: { file: string; record: { id: string; projectName: string | null } }[];
    };
    expect(manifest).toMatchObject({ app: 'Seedbank', count: 2 });
    expect(manifest.images.map((i) => i.record.id).sort()).toEqual(added.slice(0, 2).sort());
    for (const image of manifest.images) {
      expect(readRecord(fs.readFileSync(path.join(destination, image.file)))?.id).toBe(image.record.id);
      expect(image.record.projectName).toBe('Coast');
    }
    expect(await dispatch()('library:export', { ids: [added[0]!], destination: 'relative/folder' })).toMatchObject({
      error: { code: 'INVALID_INPUT', field: 'destination' },
    });
  });

  it('projects:delete moves the images to Unsorted unless asked to trash them, never deleting a file', async () => {
    t = await openTestLibrary();
    const kept = await addImages(t, 2, () => ({ projectName: 'Drafts' }));
    const binned = await addImages(t, 1, () => ({ projectName: 'Rejects' }));
    const byName = new Map(t.library.projects.list().projects.map((p) => [p.name, p.id]));
    expect(await dispatch()('projects:delete', { id: byName.get('Drafts')! })).toEqual({
      result: { moved: 2, trashed: 0 },
    });
    expect(await dispatch()('projects:delete', { id: byName.get('Rejects')!, images: 'trash' })).toEqual({
      result: { moved: 0, trashed: 1 },
    });
    expect(t.library.projects.list()).toMatchObject({ projects: [], unsortedCount: 2, trashCount: 1 });
    for (const id of [...kept, ...binned]) {
      const generation = t.library.getGeneration(id)!;
      expect(generation.projectId).toBeNull();
      expect(generation.trashed).toBe(binned.includes(id));
      expect(fs.existsSync(path.join(t.home, generation.file))).toBe(true);
    }
    expect(await dispatch()('projects:delete', { id: byName.get('Drafts')! })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });
});
