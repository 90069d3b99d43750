import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../files/inputs';
import {
  addImages,
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

describe('reference images', () => {
  it('stores a reference image once by its sha256 and reads it back unchanged', async () => {
    t = await openTestLibrary();
    const bytes = await makeImageBytes('png', 30, 20);
    const first = await t.library.addInput(bytes);
    const again = await t.library.addInput(bytes);
    expect(again).toEqual(first);
    expect(first).toMatchObject({
      hash: sha256Hex(bytes),
      format: 'png',
      width: 30,
      height: 20,
      url: `asset://lib/inputs/${first.hash}.png`,
    });
    expect(fs.readdirSync(path.join(t.home, 'inputs'))).toEqual([`${first.hash}.png`]);
    expect(Buffer.from((await t.library.readInput(first.hash)).bytes)).toEqual(Buffer.from(bytes));
  });

  it('refuses a file that is not a JPEG, PNG or WebP with INVALID_INPUT', async () => {
    t = await openTestLibrary();
    await expect(
      t.library.addInput(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0])),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('answers NOT_FOUND for a hash that was never added', async () => {
    t = await openTestLibrary();
    await expect(t.library.readInput('f'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('lineage', () => {
  it('links a reference that is a library image both ways, even after the image was re-rated', async () => {
    t = await openTestLibrary();
    const [parent] = (await addImages(t, 1)) as [string];
    const parentBytes = fs.readFileSync(path.join(t.home, t.library.getGeneration(parent)!.file));
    const input = await t.library.addInput(new Uint8Array(parentBytes));
    // Rating rewrites the parent file (its hash changes); the link must hold through the record id.
    t.library.rate([parent], 5);
    await t.library.flushWriteBack();
    const child = await t.library.addImage({
      record: makeRecord({ inputs: [input.hash, 'e'.repeat(64)] }),
      bytes: await makeImageBytes(),
      jobId: null,
      projectId: null,
    });

    const detail = t.library.getDetail(child.id);
    expect(detail.references.map((r) => r.input.hash)).toEqual([input.hash, 'e'.repeat(64)]);
    expect(detail.references[0]?.generation?.id).toBe(parent);
    expect(detail.references[1]?.generation).toBeNull();
    expect(t.library.getDetail(parent).usedBy.map((g) => g.id)).toEqual([child.id]);
  });

  it('links by file hash when the reference carries no record', async () => {
    t = await openTestLibrary();
    const [parent] = (await addImages(t, 1)) as [string];
    const parentRow = t.ctx.db.prepare('SELECT sha256 FROM generations WHERE id = ?').get(parent) as { sha256: string };
    const child = await t.library.addImage({
      record: makeRecord({ inputs: [parentRow.sha256] }),
      bytes: await makeImageBytes(),
      jobId: null,
      projectId: null,
    });
    expect(t.library.getDetail(child.id).references[0]?.generation?.id).toBe(parent);
    expect(t.library.getDetail(parent).usedBy.map((g) => g.id)).toEqual([child.id]);
  });

  it('answers NOT_FOUND for an unknown image', async () => {
    t = await openTestLibrary();
    expect(() => t.library.getDetail('missing')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('tags', () => {
  it('counts tags outside the trash, most used first', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 3, (i) => ({ tags: i === 0 ? ['fog'] : ['fog', 'dawn'] }));
    await t.library.trash([added[2]!]);
    expect(t.library.tagCounts()).toEqual([
      { tag: 'fog', count: 2 },
      { tag: 'dawn', count: 1 },
    ]);
  });
});
