import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rebuildLibrary } from '../maintenance/rebuild';
import {
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => {
  // The kit's close() leaves the temp home behind; this file removes its own.
  await t?.close();
  if (t) fs.rmSync(t.home, { recursive: true, force: true });
});

/** An edit of `parentId`: its file goes in as the first reference, as "Edit…" and "continue" do. */
async function editOf(parentId: string | null, prompt: string, width: number, minute: number): Promise<string> {
  const inputs: string[] = [];
  if (parentId) {
    const parent = t.library.getGeneration(parentId)!;
    inputs.push((await t.library.addInput(new Uint8Array(fs.readFileSync(path.join(t.home, parent.file))))).hash);
  }
  const generation = await t.library.addImage({
    record: makeRecord({
      prompt,
      model: parentId ? 'flux-kontext-pro' : 'flux-2-pro',
      width,
      height: width,
      inputs,
      createdAt: new Date(Date.UTC(2026, 10, 3, 12, minute)).toISOString(),
    }),
    bytes: await makeImageBytes('png', width, width, minute),
    jobId: null,
    projectId: null,
  });
  return generation.id;
}

const chainOf = (id: string) => t.library.getDetail(id).chain.map((s) => [s.generation.prompt, s.shrunk]);

describe('the chain of edits', () => {
  it('shows source → edit → edit from any step, and flags a step smaller than its source', async () => {
    t = await openTestLibrary();
    const source = await editOf(null, 'a red bicycle', 64, 0);
    const first = await editOf(source, 'make it blue', 64, 1);
    const second = await editOf(first, 'add a basket', 48, 2);
    const expected = [
      ['a red bicycle', false],
      ['make it blue', false],
      ['add a basket', true],
    ];
    expect(chainOf(source)).toEqual(expected);
    expect(chainOf(first)).toEqual(expected);
    expect(chainOf(second)).toEqual(expected);
  });

  it('follows the newest edit forward and leaves older branches to "Used by"', async () => {
    t = await openTestLibrary();
    const source = await editOf(null, 'a red bicycle', 64, 0);
    const branch = await editOf(source, 'make it green', 64, 1);
    await editOf(source, 'make it blue', 64, 2);
    expect(chainOf(source).map(([p]) => p)).toEqual(['a red bicycle', 'make it blue']);
    expect(chainOf(branch).map(([p]) => p)).toEqual(['a red bicycle', 'make it green']);
    expect(t.library.getDetail(source).usedBy).toHaveLength(2);
  });

  it('is the same after the database is rebuilt from the files alone', async () => {
    t = await openTestLibrary();
    const source = await editOf(null, 'a red bicycle', 64, 0);
    const first = await editOf(source, 'make it blue', 64, 1);
    const second = await editOf(first, 'add a basket', 48, 2);
    const before = chainOf(second);
    await t.library.whenIdle();
    await t.close();
    for (const name of ['library.db', 'library.db-wal', 'library.db-shm'])
      fs.rmSync(path.join(t.home, name), { force: true });
    t = await openTestLibrary(t.home);
    expect(await rebuildLibrary(t.ctx)).toMatchObject({ done: 3, failed: 0 });
    expect(chainOf(second)).toEqual(before);
    expect(t.library.getDetail(first).chain.map((s) => s.generation.id)).toEqual([source, first, second]);
  });
});

describe('finding the edits of an image', () => {
  it('lists every image made from it, down the chain, and nothing else', async () => {
    t = await openTestLibrary();
    const source = await editOf(null, 'a red bicycle', 64, 0);
    const first = await editOf(source, 'make it blue', 64, 1);
    const second = await editOf(first, 'add a basket', 64, 2);
    const branch = await editOf(source, 'make it green', 64, 3);
    const unrelated = await editOf(null, 'a teapot', 64, 4);
    await editOf(unrelated, 'make it silver', 64, 5);
    const editsOf = (id: string) =>
      t.library.list({ filter: { editsOf: id }, sort: 'oldest', cursor: null, limit: 100 }).items.map((g) => g.id);
    expect(editsOf(source)).toEqual([first, second, branch]);
    expect(editsOf(first)).toEqual([second]);
    expect(editsOf(second)).toEqual([]);
  });
});

describe('fill and expand records', () => {
  it('a rebuild from the files alone brings back the mask reference and the expand borders', async () => {
    t = await openTestLibrary();
    const image = await t.library.addInput(await makeImageBytes('png', 40, 30, 1));
    const mask = await t.library.addInput(await makeImageBytes('png', 40, 30, 2));
    const filled = await t.library.addImage({
      record: makeRecord({
        model: 'flux-pro-1.0-fill',
        prompt: '',
        params: { steps: 50 },
        inputs: [image.hash, mask.hash],
      }),
      bytes: await makeImageBytes('jpeg', 40, 30, 3),
      jobId: null,
      projectId: null,
    });
    const borders = { top: 0, bottom: 16, left: 44, right: 45 };
    const expanded = await t.library.addImage({
      record: makeRecord({ model: 'flux-pro-1.0-expand', prompt: '', params: borders, inputs: [image.hash] }),
      bytes: await makeImageBytes('jpeg', 129, 46, 4),
      jobId: null,
      projectId: null,
    });
    await t.library.whenIdle();
    await t.close();
    for (const name of ['library.db', 'library.db-wal', 'library.db-shm'])
      fs.rmSync(path.join(t.home, name), { force: true });
    t = await openTestLibrary(t.home);
    await rebuildLibrary(t.ctx);
    expect(t.library.getDetail(filled.id).references.map((r) => [r.input.hash, r.input.width])).toEqual([
      [image.hash, 40],
      [mask.hash, 40],
    ]);
    expect(t.library.getGeneration(expanded.id)?.params).toMatchObject(borders);
  });
});
