import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../jobs/job-store';
import { openDatabase } from '../db/database';
import { tempHome } from '../../../../test/support/library-test-kit';
import { migrate } from '../db/migrations';
import { spendSummary } from './spend';

const open: { db: DatabaseSync; home: string }[] = [];
afterEach(() => {
  for (const { db, home } of open.splice(0)) {
    db.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

function fresh(version?: number): DatabaseSync {
  const home = tempHome('seedbank-ledger-');
  const db = openDatabase(path.join(home, 'library.db'), { migrate: false });
  open.push({ db, home });
  migrate(db, version);
  return db;
}

// Two minutes apart, between quarter hours: the same local day in every time zone.
const NOW = new Date('2026-11-20T12:07:00.000Z');
const AT = '2026-11-20T12:05:00.000Z';

function queueJob(store: JobStore, id: string, estimatedCost = 3): void {
  store.insert([
    {
      id,
      batchId: 'b',
      model: 'flux-2-pro',
      prompt: 'p',
      params: {},
      inputs: [],
      body: { prompt: 'p' },
      projectId: null,
      estimatedCost,
      createdAt: AT,
    },
  ]);
  store.move(id, 'queued', 'submitting', { submitted_at: AT }, AT);
}

describe('spend ledger', () => {
  it('counts a job whose submit outcome is unknown as possibly charged, and as charged once BFL’s answer shows it was accepted', () => {
    const db = fresh();
    const store = new JobStore(db);
    queueJob(store, 'j1', 4);
    store.move('j1', 'submitting', 'unknown', { error_code: 'UNKNOWN_OUTCOME' }, AT);
    expect(spendSummary(db, NOW).today).toEqual({
      credits: 0,
      costUnknownJobs: 0,
      possiblyChargedJobs: 1,
      possiblyChargedCredits: 4,
    });
    store.patch('j1', 'unknown', { task_id: 't1', cost: 3.5 }, AT);
    expect(spendSummary(db, NOW).today).toEqual({
      credits: 3.5,
      costUnknownJobs: 0,
      possiblyChargedJobs: 0,
      possiblyChargedCredits: 0,
    });
  });

  it('charges nothing for a job BFL refused before accepting it', () => {
    const db = fresh();
    const store = new JobStore(db);
    queueJob(store, 'j1');
    store.move('j1', 'submitting', 'failed', { error_code: 'INSUFFICIENT_CREDITS' }, AT);
    expect(spendSummary(db, NOW).allTime.credits).toBe(0);
    expect(spendSummary(db, NOW).allTime.possiblyChargedJobs).toBe(0);
  });

  it('is backfilled once from the jobs and images a v2 library already has', () => {
    const db = fresh(2);
    db.exec(`
      INSERT INTO jobs (id, batch_id, status, model, prompt, params, project_id, estimated_cost, task_id, cost, created_at, updated_at, submitted_at)
      VALUES ('accepted', 'b', 'done', 'flux-2-pro', 'p', '{}', NULL, 3, 't1', 3, '${AT}', '${AT}', '${AT}'),
             ('free', 'b', 'done', 'flux-dev', 'p', '{}', NULL, NULL, 't2', NULL, '${AT}', '${AT}', '${AT}'),
             ('lost', 'b', 'unknown', 'flux-2-pro', 'p', '{}', NULL, 3, NULL, NULL, '${AT}', '${AT}', '${AT}'),
             ('refused', 'b', 'failed', 'flux-2-pro', 'p', '{}', NULL, 3, NULL, NULL, '${AT}', '${AT}', '${AT}');
      INSERT INTO generations (id, job_id, task_id, model, prompt, format, params, cost, created_at, file)
      VALUES ('g1', 'accepted', 't1', 'flux-2-pro', 'p', 'jpeg', '{}', 3, '${AT}', 'images/a.jpg'),
             ('g2', 'cleared-job', 't9', 'flux-2-pro', 'p', 'jpeg', '{}', 2, '${AT}', 'images/b.jpg');
    `);
    migrate(db);
    expect(spendSummary(db, NOW).today).toEqual({
      credits: 5,
      costUnknownJobs: 1,
      possiblyChargedJobs: 1,
      possiblyChargedCredits: 3,
    });
    // Deleting the images afterwards changes nothing.
    db.exec('DELETE FROM generations');
    expect(spendSummary(db, NOW).today.credits).toBe(5);
  });

  it('puts the charge in its local day and month buckets and under its project', () => {
    const db = fresh();
    db.exec(`INSERT INTO projects (id, name, created_at) VALUES ('p1', 'Moss', '${AT}')`);
    const store = new JobStore(db);
    queueJob(store, 'j1');
    db.exec(`UPDATE jobs SET project_id = 'p1' WHERE id = 'j1'`);
    store.move('j1', 'submitting', 'polling', { task_id: 't1', cost: 2 }, AT);
    const spend = spendSummary(db, NOW);
    expect(spend.days).toHaveLength(30);
    expect(spend.days.at(-1)).toMatchObject({ credits: 2 });
    expect(spend.months).toHaveLength(12);
    expect(spend.months.at(-1)).toMatchObject({ credits: 2 });
    expect(spend.perProject).toEqual([
      {
        projectId: 'p1',
        name: 'Moss',
        credits: 2,
        costUnknownJobs: 0,
        possiblyChargedJobs: 0,
        possiblyChargedCredits: 0,
      },
    ]);
  });
});
