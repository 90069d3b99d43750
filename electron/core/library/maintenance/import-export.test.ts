import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedRecord } from '../../../../shared/types';
import { embedRecord, readRecord } from '../../metadata';
import { importDirectory } from './import';
import {
  addImages,
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  tempHome,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

function snapshotFolder(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(folder)) out[name] = fs.readFileSync(path.join(folder, name)).toString('base64');
  return out;
}

describe('import', () => {
  it('copies images with a record in as themselves and others in as library images, leaving the folder untouched', async () => {
    t = await openTestLibrary();
    const source = tempHome('seedbank-import-');
    const record = makeRecord({ prompt: 'from another library', rating: 3, tags: ['imported'] });
    fs.writeFileSync(
      path.join(source, 'seedbank.jpg'),
      embedRecord(await makeImageBytes(), record, { creatorTool: 'other' }),
    );
    fs.writeFileSync(path.join(source, 'kitchen.png'), await makeImageBytes('png', 50, 40));
    fs.writeFileSync(path.join(source, 'notes.jpg'), 'not an image');
    const before = snapshotFolder(source);

    const result = await t.library.import(source);
    expect(result).toMatchObject({ done: 2, failed: 1 });
    expect(snapshotFolder(source)).toEqual(before);
    expect(t.library.getGeneration(record.id)).toMatchObject({
      prompt: 'from another library',
      rating: 3,
      tags: ['imported'],
    });
    // Thumbnails follow in the background once the import is done.
    await t.library.whenIdle();
    expect(fs.existsSync(path.join(t.home, 'thumbs', `${record.id}.webp`))).toBe(true);
    const page = t.library.list({ filter: { search: 'kitchen' }, sort: 'newest', cursor: null, limit: 10 });
    expect(page.items).toEqual([
      expect.objectContaining({ width: 50, height: 40, source: { tool: 'file', fileName: 'kitchen.png' } }),
    ]);
    expect(fs.existsSync(path.join(t.home, 'inputs'))).toBe(false);
  });

  it('imports the same folder twice without duplicates', async () => {
    t = await openTestLibrary();
    const source = tempHome('seedbank-import-');
    const record = makeRecord();
    fs.writeFileSync(path.join(source, 'a.jpg'), embedRecord(await makeImageBytes(), record, { creatorTool: 'other' }));
    await importDirectory(t.ctx, source);
    await importDirectory(t.ctx, source);
    expect(t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 10 }).total).toBe(1);
  });

  it('refuses to import the library folder into itself', async () => {
    t = await openTestLibrary();
    await expect(t.library.import(path.join(t.home, 'images'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('export', () => {
  it('writes the chosen images with their records and a manifest listing every record', async () => {
    t = await openTestLibrary();
    const [a, b] = (await addImages(t, 3)) as [string, string];
    t.library.rate([a], 5);
    const destination = path.join(tempHome('seedbank-export-'), 'out');
    const result = await t.library.export({ ids: [a, b], destination });
    expect(result).toMatchObject({ done: 2, failed: 0 });

    const manifest = JSON.parse(fs.readFileSync(path.join(destination, 'manifest.json'), 'utf8')) as {
      count: number;
      images: { file: string; record: EmbeddedRecord }[];
    };
    expect(manifest.count).toBe(2);
    expect(manifest.images.map((i) => i.record.id).sort()).toEqual([a, b].sort());
    for (const image of manifest.images) {
      expect(readRecord(fs.readFileSync(path.join(destination, image.file)))).toEqual(image.record);
    }
    // The rating made just before the export is in the exported file (write-back was flushed).
    expect(manifest.images.find((i) => i.record.id === a)?.record.rating).toBe(5);
  });

  it('exports a whole project', async () => {
    t = await openTestLibrary();
    await addImages(t, 3, (i) => ({ projectName: i < 2 ? 'Keep' : null }));
    const project = t.library.projects.list().projects[0]!;
    const destination = tempHome('seedbank-export-');
    expect((await t.library.export({ projectId: project.id, destination })).done).toBe(2);
    expect(fs.readdirSync(destination).filter((f) => f.endsWith('.jpg'))).toHaveLength(2);
  });
});
