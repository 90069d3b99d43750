import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rebuildLibrary } from './rebuild';
import { makeImageBytes, makeRecord, openTestLibrary, type TestLibrary } from './library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

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
