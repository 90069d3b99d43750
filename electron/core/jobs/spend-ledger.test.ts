import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeBfl } from '../../../test/fake-bfl';
import {
  closeEmulatorCore,
  kleinRequest,
  openEmulatorCore,
  type TestCore,
} from '../../../test/support/jobs-test-harness';

let fake: FakeBfl;
let t: TestCore;

beforeEach(async () => {
  ({ fake, t } = await openEmulatorCore());
});

afterEach(async () => {
  await closeEmulatorCore({ fake, t });
  // The harness leaves its temp home; this file removes what it made.
});

describe('spend ledger through real jobs', () => {
  it('keeps today’s spend after the images are trashed, the trash emptied and finished jobs cleared', async () => {
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a fox'), count: 2 });
    const done = await t.core.runner.waitFor(jobs.map((j) => j.id));
    const charged = done.reduce((sum, j) => sum + (j.cost ?? 0), 0);
    expect(charged).toBeGreaterThan(0);
    const before = await t.call('library:spend');
    expect(before.today.credits).toBeCloseTo(charged);

    await t.call('library:trash', { ids: done.map((j) => j.generationId!) });
    await t.call('library:emptyTrash');
    await t.call('jobs:clearFinished');

    const after = await t.call('library:spend');
    expect(after.today).toEqual(before.today);
    expect(after.month).toEqual(before.month);
    expect(after.perProject).toEqual(before.perProject);
  });

  it('counts an accepted flux-dev job as "cost unknown", not as free', async () => {
    const { jobs } = await t.call('jobs:submit', {
      request: { model: 'flux-dev', prompt: 'a pier', params: { width: 256, height: 256 }, inputs: [] },
    });
    const [job] = await t.core.runner.waitFor(jobs.map((j) => j.id));
    expect(job?.taskId).toBeTruthy();
    const spend = await t.call('library:spend');
    expect(spend.today).toEqual({ credits: 0, costUnknownJobs: 1, possiblyChargedJobs: 0, possiblyChargedCredits: 0 });
  });
});
