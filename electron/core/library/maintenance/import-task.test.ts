import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../../shared/types';
import { embedRecord } from '../../metadata';
import {
  eventsOf,
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  tempHome,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

/** A folder of three new images, a byte-identical copy of one, and a file that is not an image. */
async function mixedFolder(): Promise<string> {
  const source = tempHome('seedbank-import-');
  const record = makeRecord({ prompt: 'lighthouse at dusk' });
  fs.writeFileSync(path.join(source, 'a.jpg'), embedRecord(await makeImageBytes(), record, { creatorTool: 'x' }));
  const png = await makeImageBytes('png', 40, 30, 2);
  fs.writeFileSync(path.join(source, 'b.png'), png);
  fs.writeFileSync(path.join(source, 'b-copy.png'), png);
  fs.writeFileSync(path.join(source, 'c.webp'), await makeImageBytes('webp', 30, 30, 3));
  fs.writeFileSync(path.join(source, 'notes.jpg'), 'not an image at all');
  return source;
}

function importProgress(t: TestLibrary): TaskProgress[] {
  return eventsOf<TaskProgress>(t, 'tasks:progress').filter((p) => p.kind === 'import');
}

/** Longer than the whole import takes unpaused (about 0.2 s here), so a pause that does not hold shows. */
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('import as a task', () => {
  it('answers with a summary (imported, duplicates skipped, unreadable with reasons) and writes a log', async () => {
    t = await openTestLibrary();
    const source = await mixedFolder();
    const result = await t.library.import(source);

    const reason: unknown = expect.stringMatching(/not a JPEG, PNG or WebP/);
    expect(result.import).toMatchObject({
      source,
      seen: 5,
      imported: 3,
      duplicates: 1,
      unreadable: 1,
      cancelled: false,
      unreadableFiles: [{ file: path.join(source, 'notes.jpg'), reason }],
    });
    const log = fs.readFileSync(result.import!.logFile!, 'utf8');
    expect(path.dirname(result.import!.logFile!)).toBe(t.ctx.paths.logsDir);
    expect(log).toContain(`Folder: ${source}`);
    expect(log).toContain(`${path.join(source, 'notes.jpg')}: not a JPEG, PNG or WebP file`);
    expect(log).toContain('3 imported, 1 duplicates skipped, 1 unreadable');
  });

  it('reports files seen, imported and skipped as it goes', async () => {
    t = await openTestLibrary();
    await t.library.import(await mixedFolder());
    const progress = importProgress(t).filter((p) => p.counts);
    expect(progress[0]?.counts).toEqual({ seen: 5, imported: 0, duplicates: 0, unreadable: 0 });
    expect(progress.at(-1)).toMatchObject({
      finished: true,
      counts: { seen: 5, imported: 3, duplicates: 1, unreadable: 1 },
    });
  });

  it('pauses between files until resumed', async () => {
    t = await openTestLibrary();
    const source = await mixedFolder();
    // Paused as soon as the folder has been walked, before the first file.
    const off = t.ctx.bus.subscribe((channel, payload) => {
      const p = payload as TaskProgress;
      if (channel === 'tasks:progress' && p.kind === 'import' && p.counts && !p.paused) {
        t.library.pauseTask(p.taskId, true);
        off();
      }
    });
    let settled = false;
    const running = t.library.import(source).finally(() => (settled = true));
    await wait(1500);
    const paused = importProgress(t).at(-1)!;
    expect(paused).toMatchObject({ paused: true, counts: { imported: 0 } });
    expect(settled).toBe(false);
    expect(t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 10 }).total).toBe(0);

    expect(t.library.pauseTask(paused.taskId, false)).toBe(true);
    const result = await running;
    expect(result.import).toMatchObject({ imported: 3, cancelled: false });
  });

  it('cancels, even while paused, and says how far it got', async () => {
    t = await openTestLibrary();
    const source = await mixedFolder();
    const off = t.ctx.bus.subscribe((channel, payload) => {
      const p = payload as TaskProgress;
      if (channel === 'tasks:progress' && p.kind === 'import' && p.counts) {
        t.library.pauseTask(p.taskId, true);
        off();
      }
    });
    const running = t.library.import(source);
    await wait(30);
    const { taskId } = importProgress(t).at(-1)!;
    expect(t.library.cancelTask(taskId)).toBe(true);
    const result = await running;
    expect(result.message).toMatch(/^Cancelled: /);
    expect(result.import).toMatchObject({ seen: 5, imported: 0, cancelled: true });
    expect(fs.readFileSync(result.import!.logFile!, 'utf8')).toContain('Cancelled before the end.');
    expect(t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 10 }).total).toBe(0);
  });

  it('refuses to pause a task that is not running', async () => {
    t = await openTestLibrary();
    expect(t.library.pauseTask('no-such-task', true)).toBe(false);
  });
});
