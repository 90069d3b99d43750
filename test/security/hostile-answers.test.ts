/**
 * Issue 11 "prove it": hostile answers from the BFL side — giant bodies, wrong content types,
 * `polling_url` or `sample` on another host, redirects. Whatever comes back, the key reaches no
 * other host (a stand-in thief records every `x-key`), nothing that is not an image enters the
 * library, and the job ends in a state a person can act on.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_JOB_STATUSES } from '../../shared/job-states';
import type { Job } from '../../shared/types';
import { kleinRequest, openTestCore, until, type TestCore } from '../support/jobs-test-harness';
import { startFakeBfl, type FakeBfl } from '../fake-bfl';
import type { HostileMode } from '../fake-bfl/hostile';
import { startThief, type Thief } from './thief';
import { Tally } from './tally';

/**
 * A delivery that is not an image is retried within the sample's 10-minute life (a CDN error
 * page may be passing), so for those modes the test waits for a few attempts, not for the end.
 */
const MODES: HostileMode[] = [
  'submit-giant-body',
  'submit-redirect',
  'polling-url-elsewhere',
  'poll-redirect',
  'sample-elsewhere',
  'delivery-wrong-type',
  'delivery-giant',
  // A delivery redirect carries no key (downloads never do) and ends at the thief's non-image.
  'delivery-redirect',
];

describe('hostile answers from the BFL side', () => {
  let fake: FakeBfl;
  let thief: Thief;
  let t: TestCore;
  const tally = new Tally('hostile answers');

  beforeAll(async () => {
    fake = await startFakeBfl({ taskMs: 20 });
    thief = await startThief();
    t = await openTestCore({ apiBase: fake.apiBase });
    t.core.runner.start();
  });

  afterAll(async () => {
    tally.print();
    await t.close();
    await fake.close();
    await thief.close();
    fs.rmSync(t.home, { recursive: true, force: true });
  });

  it.each(MODES)('%s: no key elsewhere, nothing but an image kept, the job never done', async (mode) => {
    fake.script({ kind: 'hostile', mode, elsewhere: thief.url });
    const generationsBefore = t.core.library.count({});
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest(`hostile ${mode}`) });
    const id = jobs[0]?.id ?? '';
    let last: Job | undefined;
    const deliveryAttempts = () =>
      fake.downloads.filter((d) => d.taskId === last?.taskId).length +
      thief.requests.filter((r) => last?.taskId && r.includes(last.taskId)).length;
    await until(() => {
      last = t.jobEvents(id).at(-1);
      if (!last) return false;
      return !ACTIVE_JOB_STATUSES.includes(last.status) || (last.status === 'downloading' && deliveryAttempts() >= 2);
    }, `job under ${mode} to settle or retry its download`);
    tally.add(mode);
    expect(thief.keysSeen).toEqual([]);
    expect(last?.status).not.toBe('done');
    const generationsAfter = t.core.library.count({});
    expect(generationsAfter - generationsBefore).toBe(0);
  });
});
