/**
 * What happens around a paid submit when processes race or die: the `queued → submitting` commit
 * that precedes the POST is durable (synchronous=FULL), a late accepted answer for a job another
 * process marked `unknown` is kept and fetched, and a worker that dies hands its job back.
 */
import type { SQLInputValue, StatementResultingChanges, StatementSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeBfl } from '../../../test/fake-bfl';
import {
  closeEmulatorCore,
  kleinRequest,
  openEmulatorCore,
  until,
  type TestCore,
} from '../../../test/support/jobs-test-harness';

let fake: FakeBfl;
let t: TestCore;

beforeEach(async () => {
  ({ fake, t } = await openEmulatorCore());
});

afterEach(async () => {
  await closeEmulatorCore({ fake, t });
});

async function runOne(prompt: string) {
  const { jobs } = await t.call('jobs:submit', { request: kleinRequest(prompt) });
  const [job] = await t.core.runner.waitFor([jobs[0]!.id]);
  return job!;
}

describe('a paid submit survives races and power cuts', () => {
  it('commits queued → submitting with synchronous=FULL before the POST', async () => {
    const db = t.core.ctx.db;
    const prepare = db.prepare.bind(db);
    const syncAtClaim: number[] = [];
    db.prepare = (sql: string): StatementSync => {
      const stmt = prepare(sql);
      if (!sql.startsWith('UPDATE jobs SET')) return stmt;
      const run = stmt.run.bind(stmt) as (...args: SQLInputValue[]) => StatementResultingChanges;
      stmt.run = ((...args: SQLInputValue[]) => {
        if (args.includes('submitting') && args.includes('queued')) {
          syncAtClaim.push((prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous);
        }
        return run(...args);
      }) as StatementSync['run'];
      return stmt;
    };
    const job = await runOne('a lighthouse, durably claimed');
    expect(job.status).toBe('done');
    expect(syncAtClaim).toEqual([2]); // 2 = FULL
    // Everything else keeps the faster NORMAL.
    expect((prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous).toBe(1);
  });

  it('keeps a late accepted answer for a job another process marked unknown, and fetches its image', async () => {
    const client = t.core.runner.client();
    const submit = client.submit.bind(client);
    client.submit = async (...args: Parameters<typeof submit>) => {
      const answer = await submit(...args);
      // Meanwhile another process took the lease over and gave up on the submit.
      t.core.ctx.db
        .prepare(
          `UPDATE jobs SET status = 'unknown', error_code = 'NETWORK', error_message = 'taken over',
           lease_owner = NULL, lease_pid = NULL, lease_host = NULL, lease_expires_at = NULL`,
        )
        .run();
      return answer;
    };
    const job = await runOne('a lighthouse, answered late');
    expect(job.status).toBe('done');
    expect(job.taskId).toBe(fake.submits[0]?.taskId);
    expect(job.cost).not.toBeNull();
    expect(job.error).toBeNull();
    expect(fake.submits).toHaveLength(1);
  });

  it('hands the job back when its worker dies, and the job is still finished', async () => {
    const store = t.core.runner.store;
    const patch = store.patch.bind(store);
    let failures = 1;
    store.patch = (...args: Parameters<typeof patch>) => {
      if (args[1] === 'downloading' && failures-- > 0) throw new Error('injected worker crash');
      return patch(...args);
    };
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a lighthouse, worker crash') });
    const id = jobs[0]!.id;
    await until(() => {
      const row = store.get(id);
      return row?.status === 'done' && row.lease_owner === null;
    }, 'done after the worker died once, and handed back');
    expect(failures).toBeLessThan(0);
  });

  it('pauses a job whose worker keeps dying, so nobody waits on it for ever', async () => {
    const store = t.core.runner.store;
    const patch = store.patch.bind(store);
    store.patch = (...args: Parameters<typeof patch>) => {
      if (args[1] === 'downloading') throw new Error('injected worker crash');
      return patch(...args);
    };
    const job = await runOne('a lighthouse, worker keeps crashing');
    expect(job.status).toBe('paused');
    expect(job.error?.message).toMatch(/internal error .*injected worker crash.*Resume/);
    await until(() => store.get(job.id)?.lease_owner === null, 'the job handed back');
  });
});
