import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../../../test/fake-bfl';
import { openDatabase } from '../library/db/database';
import { JobStore } from './job-store';
import { LeaseManager } from './lease';
import { kleinRequest, openTestCore, tempHome, type TestCore } from '../../../test/support/jobs-test-harness';

let fake: FakeBfl;
let t: TestCore | undefined;

beforeEach(async () => {
  fake = await startFakeBfl();
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  await fake.close();
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

function insertJob(home: string, id: string, status: string, lease: { owner: string; pid: number; expires: number }) {
  const db = openDatabase(`${home}/library.db`);
  new JobStore(db).insert([
    {
      id,
      batchId: id,
      model: 'flux-2-klein-4b',
      prompt: 'left behind',
      params: { width: 256, height: 256 },
      inputs: [],
      body: { prompt: 'left behind', width: 256, height: 256 },
      projectId: null,
      estimatedCost: 1.4,
      createdAt: new Date().toISOString(),
    },
  ]);
  db.prepare(
    'UPDATE jobs SET status = ?, submitted_at = ?, lease_owner = ?, lease_pid = ?, lease_host = ?, lease_expires_at = ? WHERE id = ?',
  ).run(status, new Date().toISOString(), lease.owner, lease.pid, os.hostname(), lease.expires, id);
  db.close();
}

describe('resume after a crash', () => {
  it('turns a submit interrupted by a crash into unknown and never sends it', async () => {
    const home = tempHome();
    insertJob(home, 'job-interrupted', 'submitting', {
      owner: 'cli:dead',
      pid: deadPid(),
      expires: Date.now() + 60_000,
    });
    const core = await openTestCore({ apiBase: fake.apiBase, home });
    t = core;
    core.core.runner.start();
    const [job] = await core.core.runner.waitFor(['job-interrupted']);
    expect(job?.status).toBe('unknown');
    expect(job?.error?.message).toMatch(/may have accepted|stopped while/);
    expect(fake.submits).toHaveLength(0);
  });

  it('runs a queued job left by a dead process at once, without waiting for its lease to expire', async () => {
    const home = tempHome();
    insertJob(home, 'job-queued', 'queued', { owner: 'cli:dead', pid: deadPid(), expires: Date.now() + 10 * 60_000 });
    const core = await openTestCore({ apiBase: fake.apiBase, home });
    t = core;
    core.core.runner.start();
    const [job] = await core.core.runner.waitFor(['job-queued']);
    expect(job?.status).toBe('done');
    expect(fake.submits).toHaveLength(1);
  });
});

describe('lease', () => {
  it('is not taken from a live owner until it expires', () => {
    const home = tempHome();
    insertJob(home, 'job-held', 'polling', { owner: 'app:live', pid: process.pid, expires: Date.now() + 60_000 });
    const db = openDatabase(`${home}/library.db`);
    let now = Date.now();
    const leases = new LeaseManager(db, 'cli:other', () => now);
    expect(leases.acquire('job-held')).toBe(false);
    now += 61_000;
    expect(leases.acquire('job-held')).toBe(true);
    db.close();
  });

  it('is renewed by its owner and released on stop', async () => {
    const core = await openTestCore({ apiBase: fake.apiBase });
    t = core;
    fake.setNext({ kind: 'slow', taskMs: Number.POSITIVE_INFINITY });
    const { jobs } = await core.call('jobs:submit', { request: kleinRequest('held') });
    const id = jobs[0]!.id;
    const row = () => core.core.runner.store.get(id)!;
    while (row().status !== 'polling') await new Promise((r) => setTimeout(r, 20));
    expect(row().lease_owner).toBe(core.core.ctx.ownerId);
    expect(row().lease_pid).toBe(process.pid);
    await core.core.runner.stop();
    expect(row().lease_owner).toBeNull();
    expect(row().status).toBe('polling');
  });
});
