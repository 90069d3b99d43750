import { afterEach, describe, expect, it } from 'vitest';
import {
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  tempHome,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

const opened: TestLibrary[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

describe('two processes on one library', () => {
  it('loses no row when the app and the CLI add and edit images at the same time', async () => {
    const home = tempHome();
    const app = await openTestLibrary(home);
    const cli = await openTestLibrary(home);
    opened.push(app, cli);
    const bytes = await makeImageBytes();
    const add = (t: TestLibrary, i: number) =>
      t.library.addImage({
        record: makeRecord({ createdAt: new Date(Date.UTC(2026, 10, 3, 0, i)).toISOString(), tags: [`t${i % 3}`] }),
        bytes,
        jobId: null,
        projectId: null,
      });
    const both = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        add(i % 2 === 0 ? app : cli, i).then((g) => (i % 2 === 0 ? app : cli).library.rate([g.id], (i % 5) + 1)),
      ),
    );
    expect(both).toHaveLength(40);
    for (const t of [app, cli]) {
      expect(t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 100 }).total).toBe(40);
      expect(t.library.list({ filter: { search: 't1' }, sort: 'newest', cursor: null, limit: 100 }).total).toBe(13);
    }
  });
});

describe('a writer in another thread', () => {
  it('interleaves with the app without a lost row, a busy error or a duplicate seq', async () => {
    const { Worker } = await import('node:worker_threads');
    const home = tempHome();
    const app = await openTestLibrary(home);
    opened.push(app);
    // Plain SQL from a second connection on its own thread, as another process would write.
    const worker = new Worker(
      `
      const { DatabaseSync } = require('node:sqlite');
      const { workerData, parentPort } = require('node:worker_threads');
      const db = new DatabaseSync(workerData.file, { timeout: 10000 });
      db.exec('PRAGMA busy_timeout = 10000');
      for (let i = 0; i < 200; i++) {
        db.exec('BEGIN IMMEDIATE');
        const id = ('w' + i).padStart(26, '0'); // shaped like the ids Seedbank issues
        db.prepare("INSERT INTO generations (id, model, prompt, format, params, created_at, file) VALUES (?, 'flux-2-pro', ?, 'jpeg', '{}', ?, ?)")
          .run(id, 'worker prompt ' + i, new Date(Date.UTC(2026, 9, 1, 0, 0, i)).toISOString(), 'images/2026-10/' + id + '.jpg');
        db.prepare("INSERT INTO generation_tags (generation_id, tag) VALUES (?, 'fromworker')").run(id);
        db.exec('COMMIT');
      }
      db.close();
      parentPort.postMessage('done');
      `,
      { eval: true, workerData: { file: app.ctx.paths.database } },
    );
    const finished = new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const bytes = await makeImageBytes();
    for (let i = 0; i < 30; i++) {
      await app.library.addImage({ record: makeRecord(), bytes, jobId: null, projectId: null });
    }
    await finished;
    const db = app.ctx.db;
    expect((db.prepare('SELECT count(*) AS n FROM generations').get() as { n: number }).n).toBe(230);
    expect((db.prepare('SELECT count(DISTINCT seq) AS n FROM generations').get() as { n: number }).n).toBe(230);
    expect(app.library.list({ filter: { search: 'fromworker' }, sort: 'newest', cursor: null, limit: 1 }).total).toBe(
      200,
    );
  });
});
