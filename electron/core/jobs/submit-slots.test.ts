import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl } from '../../../test/fake-bfl';
import { kleinRequest, openTestCore, until, type TestCore } from '../../../test/support/jobs-test-harness';

let fake: FakeBfl | null = null;
let t: TestCore | null = null;

afterEach(async () => {
  await t?.close();
  await fake?.close();
  if (t) fs.rmSync(t.home, { recursive: true, force: true });
  t = null;
  fake = null;
});

/** The pid of a process that has just exited: what a row left by a killed run carries. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

describe('submit slots', () => {
  it('does not count rows left by a killed run as active tasks', async () => {
    fake = await startFakeBfl();
    t = await openTestCore({ apiBase: fake.apiBase, settings: { maxActiveTasks: 2 } });
    const store = t.core.runner.store;
    // A killed `seedbank generate` left one submit in flight and one task being polled.
    const pid = deadPid();
    const recent = new Date(Date.now() - 30_000).toISOString();
    const left = ['left-submitting', 'left-polling'];
    store.insert(
      left.map((id) => ({
        id,
        batchId: 'left',
        model: 'flux-2-klein-4b',
        prompt: 'left behind',
        params: { width: 256, height: 256 },
        inputs: [],
        body: { prompt: 'left behind', width: 256, height: 256 },
        projectId: null,
        estimatedCost: null,
        createdAt: recent,
      })),
    );
    const orphan = t.core.ctx.db.prepare(
      `UPDATE jobs SET status = ?, submitted_at = ?, lease_owner = 'killed-run', lease_pid = ?, lease_host = ?,
         lease_expires_at = ?, task_id = ? WHERE id = ?`,
    );
    orphan.run('submitting', recent, pid, os.hostname(), Date.now() + 60_000, null, left[0]!);
    orphan.run('polling', recent, pid, os.hostname(), Date.now() - 1_000, 'gone-task', left[1]!);

    // A later `seedbank generate` (which resumes no other job) must still get its own job through.
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a new lighthouse') });
    await until(() => t!.core.runner.store.get(jobs[0]!.id)?.status === 'done', 'the new job to finish', 10_000);
    expect(fake.submits.filter((s) => s.status === 200)).toHaveLength(1);
  });

  it('after a 429 while another client fills the account, runs as many at once as BFL takes again', async () => {
    fake = await startFakeBfl({ activeLimit: 2 });
    t = await openTestCore({ apiBase: fake.apiBase, settings: { maxActiveTasks: 24 } });
    // Someone else (another machine on the same account) holds both slots for a moment.
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(`${fake.apiBase}/v1/flux-2-klein-4b`, {
        method: 'POST',
        headers: { 'x-key': DEFAULT_FAKE_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'someone else [fake:slow-1500]', width: 256, height: 256 }),
      });
      expect(answer.status).toBe(200);
    }
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('ours [fake:hold-task]'), count: 4 });
    await until(() => fake!.submits.some((s) => s.status === 429), 'a 429');
    const oursRunning = () =>
      fake!.tasks().filter((task) => task.prompt.startsWith('ours') && task.status === 'Pending').length;
    // Once the other client's tasks end, both slots are free: the queue must fill them again.
    await until(() => oursRunning() === 2, 'two of our tasks running at once', 20_000);
    const finisher = setInterval(() => fake?.finishTasks(), 100);
    try {
      const done = await t.core.runner.waitFor(jobs.map((j) => j.id));
      expect(done.map((j) => j.status)).toEqual(['done', 'done', 'done', 'done']);
    } finally {
      clearInterval(finisher);
    }
  });
});
