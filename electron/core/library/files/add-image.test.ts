import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Generation } from '../../../../shared/types';
import { readRecord } from '../../metadata';
import {
  eventsOf,
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

async function pixels(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes).raw().toBuffer();
}

describe('addImage', () => {
  it('stores the download in its month folder with the record embedded and the pixels untouched', async () => {
    t = await openTestLibrary();
    const bytes = await makeImageBytes('jpeg', 96, 64);
    const record = makeRecord({ createdAt: '2026-11-03T12:00:00.000Z', tags: ['moss'], rating: 3 });
    const generation = await t.library.addImage({ record, bytes, jobId: 'job-1', projectId: null });

    expect(generation.file).toBe(`images/2026-11/${record.id}.jpg`);
    const onDisk = new Uint8Array(fs.readFileSync(path.join(t.home, generation.file)));
    expect(readRecord(onDisk)).toMatchObject({ id: record.id, prompt: record.prompt, tags: ['moss'], rating: 3 });
    expect(await pixels(onDisk)).toEqual(await pixels(bytes));
    expect(generation).toMatchObject({
      jobId: 'job-1',
      prompt: record.prompt,
      rating: 3,
      tags: ['moss'],
      trashed: false,
    });
  });

  it('keeps PNG and WebP downloads in their own format', async () => {
    t = await openTestLibrary();
    for (const format of ['png', 'webp'] as const) {
      const record = makeRecord({ format: 'jpeg' });
      const generation = await t.library.addImage({
        record,
        bytes: await makeImageBytes(format),
        jobId: null,
        projectId: null,
      });
      expect(generation.format).toBe(format);
      expect(generation.file).toMatch(format === 'png' ? /\.png$/ : /\.webp$/);
    }
  });

  it('makes a WebP thumbnail of at most 512 px on the longest side', async () => {
    t = await openTestLibrary();
    const record = makeRecord();
    await t.library.addImage({ record, bytes: await makeImageBytes('jpeg', 1200, 800), jobId: null, projectId: null });
    const meta = await sharp(path.join(t.home, 'thumbs', `${record.id}.webp`)).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(512);
  });

  it('announces the new image with asset URLs from the front door', async () => {
    t = await openTestLibrary();
    const record = makeRecord();
    await t.library.addImage({ record, bytes: await makeImageBytes(), jobId: null, projectId: null });
    const [change] = eventsOf<{ added: Generation[] }>(t, 'library:changed');
    expect(change?.added[0]).toMatchObject({
      id: record.id,
      imageUrl: `asset://lib/images/2026-11/${record.id}.jpg`,
      thumbUrl: `asset://lib/thumbs/${record.id}.webp`,
    });
  });

  it('adds an image handed in twice (a resumed job) only once', async () => {
    t = await openTestLibrary();
    const record = makeRecord();
    const bytes = await makeImageBytes();
    await t.library.addImage({ record, bytes, jobId: 'job-1', projectId: null });
    await t.library.addImage({ record, bytes, jobId: 'job-1', projectId: null });
    const page = t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 10 });
    expect(page.total).toBe(1);
  });

  it('files the image under the job project and writes the project name into the file', async () => {
    t = await openTestLibrary();
    const project = t.library.ensureProject('Moss studies');
    const record = makeRecord();
    const generation = await t.library.addImage({
      record,
      bytes: await makeImageBytes(),
      jobId: null,
      projectId: project.id,
    });
    expect(generation.projectId).toBe(project.id);
    const onDisk = fs.readFileSync(path.join(t.home, generation.file));
    expect(readRecord(onDisk)?.projectName).toBe('Moss studies');
  });

  it('refuses bytes that are not an image', async () => {
    t = await openTestLibrary();
    await expect(
      t.library.addImage({
        record: makeRecord(),
        bytes: new TextEncoder().encode('<html>'),
        jobId: null,
        projectId: null,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('getGeneration finds an added image and answers null for an unknown id', async () => {
    t = await openTestLibrary();
    const record = makeRecord();
    await t.library.addImage({ record, bytes: await makeImageBytes(), jobId: null, projectId: null });
    expect(t.library.getGeneration(record.id)?.seed).toBe(42);
    expect(t.library.getGeneration('nope')).toBeNull();
  });
});
