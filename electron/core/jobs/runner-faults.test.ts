import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeBfl, Fault } from '../../../test/fake-bfl';
import type { Job } from '../../../shared/types';
import {
  closeEmulatorCore,
  kleinRequest,
  openEmulatorCore,
  openTestCore,
  type TestCore,
} from '../../../test/support/jobs-test-harness';

let fake: FakeBfl;
let t: TestCore;

beforeEach(async () => {
  ({ fake, t } = await openEmulatorCore());
});

afterEach(() => closeEmulatorCore({ fake, t }));

async function runOne(faults: Fault[], prompt = 'a quiet harbour'): Promise<Job> {
  if (faults.length > 0) fake.setNext(...faults);
  const { jobs } = await t.call('jobs:submit', { request: kleinRequest(prompt) });
  const [job] = await t.core.runner.waitFor([jobs[0]!.id]);
  return job!;
}

describe('task outcomes', () => {
  it('marks Request Moderated as moderated, naming the reasons', async () => {
    const job = await runOne([
      { kind: 'end', status: 'Request Moderated', details: { 'Moderation Reasons': ['Derivative Works Filter'] } },
    ]);
    expect(job.status).toBe('moderated');
    expect(job.error?.code).toBe('MODERATED');
    expect(job.error?.message).toContain('Derivative Works Filter');
    expect(job.error?.message).toMatch(/request/i);
  });

  it('marks Content Moderated as moderated, naming the reasons', async () => {
    const job = await runOne([
      { kind: 'end', status: 'Content Moderated', details: { 'Moderation Reasons': ['NSFW'] } },
    ]);
    expect(job.status).toBe('moderated');
    expect(job.error?.message).toContain('NSFW');
    expect(job.error?.message).toMatch(/result|output/i);
  });

  it.each(['Error', 'Failed'])('marks %s as failed', async (status) => {
    const job = await runOne([{ kind: 'end', status }]);
    expect(job.status).toBe('failed');
    expect(job.error?.message).toContain(status);
  });

  it('marks Task not found after acceptance as expired', async () => {
    const job = await runOne([{ kind: 'end', status: 'Task not found' }]);
    expect(job.status).toBe('expired');
    expect(job.taskId).toBeTruthy();
    expect(job.error?.message).toContain('Task not found');
  });

  it('keeps polling through statuses it does not know, then finishes on Ready', async () => {
    const job = await runOne([
      { kind: 'running-status', status: 'Reasoning' },
      { kind: 'slow', taskMs: 2_500 },
    ]);
    expect(job.status).toBe('done');
    expect(fake.polls.some((p) => p.status === 'Reasoning')).toBe(true);
  });

  it('polls again after poll answers of 500 and broken JSON', async () => {
    const job = await runOne([{ kind: 'poll-http', status: 500, times: 2 }, { kind: 'poll-malformed' }]);
    expect(job.status).toBe('done');
    expect(fake.submits).toHaveLength(1);
  });

  it('expires a job whose sample URL is already dead, keeping the task id', async () => {
    const job = await runOne([{ kind: 'expired' }]);
    expect(job.status).toBe('expired');
    expect(job.taskId).toBeTruthy();
    expect(job.generationId).toBeNull();
  });
});

describe('submit answers', () => {
  it.each([
    [402, 'OUT_OF_CREDITS'],
    [403, 'KEY_REJECTED'],
    [422, 'INVALID_INPUT'],
  ])('fails on HTTP %i with %s and sends once', async (status, code) => {
    const job = await runOne([{ kind: 'http', status }]);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe(code);
    expect(fake.submits).toHaveLength(1);
  });

  it('treats HTTP 500 on submit as an unknown outcome and does not resend', async () => {
    const job = await runOne([{ kind: 'http', status: 500 }]);
    expect(job.status).toBe('unknown');
    expect(fake.submits).toHaveLength(1);
  });

  it("marks a 503 from a proxy (an HTML page, not BFL's JSON) as unknown and does not resend", async () => {
    const job = await runOne([{ kind: 'proxy-error', status: 503 }]);
    expect(job.status).toBe('unknown');
    expect(fake.submits).toHaveLength(1);
    // The emulator did create (and bill) that task: a resend would have paid twice.
    expect(fake.tasks()).toHaveLength(1);
  });

  it.each([429, 503])('waits after HTTP %i and then sends again', async (status) => {
    const job = await runOne([{ kind: 'http', status, retryAfterSeconds: 0 }]);
    expect(job.status).toBe('done');
    expect(fake.submits).toHaveLength(2);
    expect(fake.submits[0]?.status).toBe(status);
  });

  it.each<[string, Fault]>([
    ['a dropped connection after the task was created', { kind: 'drop-after-create' }],
    ['a dropped connection before an answer', { kind: 'drop-before-create' }],
    ['an unreadable 200 answer', { kind: 'malformed-json' }],
  ])('marks %s as unknown and never resends it', async (_name, fault) => {
    const job = await runOne([fault]);
    expect(job.status).toBe('unknown');
    expect(job.error?.message).toMatch(/may have accepted/);
    await t.close();
    // A restart must not resend it either.
    t = await openTestCore({ apiBase: fake.apiBase, home: t.home });
    t.core.runner.start();
    const [again] = await t.core.runner.waitFor([job.id]);
    expect(again?.status).toBe('unknown');
    expect(fake.submits).toHaveLength(1);
  });

  it('fails with KEY_MISSING when no key is set, sending nothing', async () => {
    await t.close();
    t = await openTestCore({ apiBase: fake.apiBase, key: null });
    const job = await runOne([]);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('KEY_MISSING');
    expect(fake.submits).toHaveLength(0);
  });
});
