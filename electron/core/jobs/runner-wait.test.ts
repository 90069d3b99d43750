import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

afterEach(() => closeEmulatorCore({ fake, t }));

describe('waiting for jobs', () => {
  it('reads whole job rows for its answer only, not again on every change (a batch wait held ~200 MB)', async () => {
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a row of lanterns'), count: 8 });
    const ids = jobs.map((j) => j.id);
    const rowsRead = vi.spyOn(t.core.runner.store, 'getMany');
    const done = await t.core.runner.waitFor(ids);
    expect(done.map((j) => j.status)).toEqual(ids.map(() => 'done'));
    expect(done.map((j) => j.id)).toEqual(ids);
    // Each job changes state several times (submitting, polling, progress, downloading, done).
    expect(t.jobEvents(ids[0]!).length).toBeGreaterThan(3);
    const waitReads = rowsRead.mock.calls.filter(([asked]) => asked.length === ids.length);
    expect(waitReads.length).toBeLessThanOrEqual(2);
  });
});
