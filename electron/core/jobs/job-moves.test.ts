/**
 * No code path may attempt a move the state table forbids. The literal moves are checked when
 * compiling (`JobStore.move` takes only the table's targets); this walks the workers' error paths
 * at run time — every fault the emulator can put in a submit, a poll or a delivery — and checks
 * each move they attempt against the table, and that every job comes to rest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACTIVE_JOB_STATUSES,
  canMove,
  FINAL_JOB_STATUSES,
  isFinal,
  JOB_STATUSES,
  type JobStatus,
} from '../../../shared/job-states';
import type { FakeBfl } from '../../../test/fake-bfl';
import { toJob } from './job-row';
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

describe('the state table', () => {
  it('reaches every state from queued, and lets every working state end', () => {
    const seen = new Set<JobStatus>(['queued']);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...seen])
        for (const to of JOB_STATUSES)
          if (canMove(from, to) && !seen.has(to)) {
            seen.add(to);
            grew = true;
          }
    }
    expect([...seen].sort()).toEqual([...JOB_STATUSES].sort());
    for (const status of ACTIVE_JOB_STATUSES) {
      expect(FINAL_JOB_STATUSES.some((end) => canMove(status, end) || canMove(status, 'paused'))).toBe(true);
    }
  });

  it('never lets a paid result fail or be cancelled once it is downloading', () => {
    expect(canMove('downloading', 'failed')).toBe(false);
    expect(canMove('downloading', 'cancelled')).toBe(false);
    expect(canMove('paused', 'failed')).toBe(false);
  });
});

/** Each fault, by prompt marker, and where the job must come to rest. */
const PATHS: [string, JobStatus][] = [
  ['', 'done'],
  ['[fake:http-402]', 'failed'],
  ['[fake:http-403]', 'failed'],
  ['[fake:http-422]', 'failed'],
  ['[fake:http-500]', 'unknown'],
  ['[fake:drop-before-create]', 'unknown'],
  ['[fake:drop-after-create]', 'unknown'],
  ['[fake:malformed-json]', 'unknown'],
  ['[fake:error]', 'failed'],
  ['[fake:failed]', 'failed'],
  ['[fake:request-moderated]', 'moderated'],
  ['[fake:content-moderated]', 'moderated'],
  ['[fake:task-not-found]', 'expired'],
  ['[fake:poll-500]', 'done'],
  // Paused by the refused key, then resumed by itself: the next poll gets through.
  ['[fake:poll-403]', 'done'],
  ['[fake:poll-302]', 'done'],
  ['[fake:poll-malformed]', 'done'],
  ['[fake:delivery-404]', 'expired'],
  ['[fake:expired]', 'expired'],
  ['[fake:delivery-truncated]', 'done'],
  ['[fake:delivery-reset]', 'done'],
];

describe('every error path of the workers against the table', () => {
  it('attempts only moves the table allows, and brings every job to rest', { timeout: 90_000 }, async () => {
    const store = t.core.runner.store;
    const move = store.move.bind(store);
    const illegal: string[] = [];
    const pausedIds = new Set<string>();
    store.move = (id, from, to, ...rest) => {
      if (from !== to && !canMove(from, to)) illegal.push(`${from} → ${to}`);
      if (to === 'paused') pausedIds.add(id);
      return move(id, from, to, ...rest);
    };
    const ids = new Map<string, JobStatus>();
    for (const [marker, expected] of PATHS) {
      const { jobs } = await t.call('jobs:submit', { request: kleinRequest(`an error path ${marker}`) });
      ids.set(jobs[0]!.id, expected);
    }
    await until(() => store.getMany([...ids.keys()]).every((row) => isFinal(row.status)), 'every job at rest', 60_000);
    const rested = store.getMany([...ids.keys()]).map(toJob);
    expect(illegal).toEqual([]);
    const outcome = (id: string) =>
      `${rested.find((j) => j.id === id)?.request.prompt} → ${rested.find((j) => j.id === id)?.status}`;
    const expected = (id: string) => `${rested.find((j) => j.id === id)?.request.prompt} → ${ids.get(id)}`;
    expect([...ids.keys()].map(outcome)).toEqual([...ids.keys()].map(expected));
    // The refused poll and the redirect paused their (accepted, paid) jobs on the way.
    const promptOf = (id: string) => rested.find((j) => j.id === id)?.request.prompt ?? '';
    expect([...pausedIds].map(promptOf).sort()).toEqual([
      'an error path [fake:poll-302]',
      'an error path [fake:poll-403]',
    ]);
  });
});
