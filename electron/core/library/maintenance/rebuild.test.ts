import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../../shared/types';
import { rebuildLibrary } from './rebuild';
import {
  addImages,
  eventsOf,
  makeImageBytes,
  openTestLibrary,
  testContext,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

/** Everything a person would miss, per image, minus what only the index knows (job id, URLs are equal anyway). */
function snapshot() {
  const page = t.library.list({ filter: {}, sort: 'oldest', cursor: null, limit: 500 });
  const trash = t.library.list({ filter: { trashed: true }, sort: 'oldest', cursor: null, limit: 500 });
  const names = new Map(t.library.projects.list().projects.map((p) => [p.id, p.name]));
  // Whole records by id (a page carries only a tile's share), in the pages' order.
  const whole = t.library.generationsById([...page.items, ...trash.items].map((g) => g.id));
  const byId = new Map(whole.map((g) => [g.id, g]));
  const ordered = [...page.items, ...trash.items].map((g) => byId.get(g.id)!);
  return ordered.map(({ jobId: _jobId, projectId, ...rest }) => ({
    ...rest,
    project: projectId === null ? null : names.get(projectId),
  }));
}

describe('rebuild from the image files alone', () => {
  it('brings back every field after library.db is deleted', async () => {
    t = await openTestLibrary();
    const moss = t.library.projects.create('Moss');
    const added = await addImages(t, 6, (i) => ({
      prompt: `prompt ${i} with "quotes" & ünïcødé`,
      upsampledPrompt: i % 2 ? null : `upsampled ${i}`,
      seed: 1000 + i,
      model: i % 2 ? 'flux-kontext-max' : 'flux-2-pro',
      params: { seed: 1000 + i, guidance: 3.5, nested: { list: [1, 'two'] } },
      inputs: i === 2 ? ['d'.repeat(64)] : [],
      cost: 0.01 * i,
    }));
    t.library.move([added[0]!, added[1]!], moss.id);
    t.library.favorite([added[1]!], true);
    t.library.rate([added[2]!], 4);
    t.library.tag([added[3]!], ['fog', 'Dawn'], []);
    await t.library.trash([added[5]!]);
    const input = await t.library.addInput(await makeImageBytes('png', 40, 30));
    const before = snapshot();
    await t.library.whenIdle();
    await t.close();

    for (const name of ['library.db', 'library.db-wal', 'library.db-shm'])
      fs.rmSync(path.join(t.home, name), { force: true });
    t = await openTestLibrary(t.home);
    const outcome = await rebuildLibrary(t.ctx);
    expect(outcome).toMatchObject({ done: 6, failed: 0 });
    expect(snapshot()).toEqual(before);
    expect((await t.library.readInput(input.hash)).width).toBe(40);
  });

  it('reports progress and can be cancelled', async () => {
    t = await openTestLibrary();
    await addImages(t, 40);
    fs.rmSync(path.join(t.home, 'thumbs'), { recursive: true });
    const controller = new AbortController();
    const seen: TaskProgress[] = [];
    const outcome = await rebuildLibrary(t.ctx, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.done >= 10) controller.abort();
      },
    });
    expect(seen.some((p) => p.kind === 'rebuild' && p.total === 40)).toBe(true);
    expect(outcome.done).toBeLessThan(40);
  });

  it('announces the task on the bus when started from the app', async () => {
    t = await openTestLibrary();
    await addImages(t, 3);
    const result = await t.library.rebuild();
    const progress = eventsOf<TaskProgress>(t, 'tasks:progress').filter((p) => p.taskId === result.taskId);
    expect(progress[0]).toMatchObject({ kind: 'rebuild', finished: false });
    expect(progress.at(-1)).toMatchObject({ kind: 'rebuild', finished: true });
    expect(result.done).toBe(3);
  });

  it('indexes into a second connection on the same folder (the CLI next to the app)', async () => {
    t = await openTestLibrary();
    await addImages(t, 2);
    const cli = testContext(t.home);
    try {
      expect(await rebuildLibrary(cli)).toMatchObject({ done: 2, failed: 0 });
    } finally {
      cli.db.close();
    }
  });
});
