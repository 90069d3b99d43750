import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBfl, type FakeBfl } from '../../../test/fake-bfl';
import type { Job } from '../../../shared/types';
import { makeImage } from '../../../test/support/metadata-fixtures';
import { kleinRequest, openTestCore, until, type TestCore } from '../../../test/support/jobs-test-harness';

let fake: FakeBfl | null = null;
let t: TestCore | null = null;

afterEach(async () => {
  await t?.close();
  await fake?.close();
  t = null;
  fake = null;
});

const activeIn = (events: TestCore['events']) => {
  const latest = new Map<string, string>();
  let peak = 0;
  for (const e of events) {
    if (e.channel !== 'jobs:changed') continue;
    const job = e.payload as Job;
    latest.set(job.id, job.status);
    const active = [...latest.values()].filter((s) => s === 'submitting' || s === 'polling').length;
    peak = Math.max(peak, active);
  }
  return peak;
};

describe('concurrency', () => {
  it('never has more tasks active than maxActiveTasks, and meets no 429', async () => {
    fake = await startFakeBfl({ taskMs: 300, activeLimit: 3 });
    t = await openTestCore({ apiBase: fake.apiBase, settings: { maxActiveTasks: 3 } });
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a field of poppies'), count: 10 });
    const done = await t.core.runner.waitFor(jobs.map((j) => j.id));
    expect(done.every((j) => j.status === 'done')).toBe(true);
    expect(activeIn(t.events)).toBeLessThanOrEqual(3);
    expect(fake.submits.filter((s) => s.status === 429)).toHaveLength(0);
  });

  it('keeps flux-kontext-max to its own limit of 6', async () => {
    fake = await startFakeBfl({ taskMs: 400 });
    t = await openTestCore({ apiBase: fake.apiBase });
    const request = { model: 'flux-kontext-max', prompt: 'a paper crane', params: { aspect_ratio: '1:1' }, inputs: [] };
    // 72 credits: over the default threshold, so the person's yes comes with it.
    const { jobs } = await t.call('jobs:submit', { request, count: 9, confirmed: true });
    const done = await t.core.runner.waitFor(jobs.map((j) => j.id));
    expect(done.every((j) => j.status === 'done')).toBe(true);
    expect(activeIn(t.events)).toBeLessThanOrEqual(6);
    expect(fake.submits.filter((s) => s.status === 429)).toHaveLength(0);
  });

  it('after a 429 from a busier account, waits for its own tasks instead of meeting more 429s', async () => {
    fake = await startFakeBfl({ taskMs: 400, activeLimit: 2 });
    t = await openTestCore({ apiBase: fake.apiBase, settings: { maxActiveTasks: 24 } });
    const first = await t.call('jobs:submit', { request: kleinRequest('first wave'), count: 2 });
    await until(() => fake!.activeTasks() === 2, 'two tasks running');
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('second wave'), count: 4 });
    const done = await t.core.runner.waitFor([...first.jobs, ...jobs].map((j) => j.id));
    expect(done.every((j) => j.status === 'done')).toBe(true);
    const refusals = fake.submits.map((s, i) => (s.status === 429 ? i : -1)).filter((i) => i >= 0);
    // One burst of refusals at most (the jobs already sent together), none after an accepted submit.
    const firstAcceptedAfter = fake.submits.findIndex((s, i) => i > (refusals[0] ?? 0) && s.status === 200);
    expect(refusals.every((i) => firstAcceptedAfter === -1 || i < firstAcceptedAfter)).toBe(true);
  });
});

describe('network', () => {
  it('waits in the queue while BFL is unreachable and runs when it comes back', async () => {
    const probe = await startFakeBfl();
    const ports = {
      api: Number(new URL(probe.apiBase).port),
      polling: Number(new URL(probe.pollingBase).port),
      delivery: Number(new URL(probe.deliveryBase).port),
    };
    const apiBase = probe.apiBase;
    await probe.close();
    t = await openTestCore({ apiBase });
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a mountain hut') });
    const offline = () =>
      t!.events.some((e) => e.channel === 'network:changed' && (e.payload as { online: boolean }).online === false);
    await until(offline, 'network:changed offline');
    expect(t.core.runner.store.get(jobs[0]!.id)?.status).toBe('queued');

    fake = await startFakeBfl({ ports });
    const [job] = await t.core.runner.waitFor([jobs[0]!.id]);
    expect(job?.status).toBe('done');
    expect(fake.submits).toHaveLength(1);
    expect(t.events.some((e) => e.channel === 'network:changed' && (e.payload as { online: boolean }).online)).toBe(
      true,
    );
  });
});

describe('cancel and retry', () => {
  it('cancel stops polling and says credits may already be spent', async () => {
    fake = await startFakeBfl();
    t = await openTestCore({ apiBase: fake.apiBase });
    fake.setNext({ kind: 'slow', taskMs: Number.POSITIVE_INFINITY });
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a slow river') });
    const id = jobs[0]!.id;
    await until(() => t!.core.runner.store.get(id)?.status === 'polling', 'polling');
    const cancelled = await t.call('jobs:cancel', { id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.error?.message).toMatch(/credits may already be spent/);
    await until(() => t!.core.runner.activeCount() === 0, 'worker stopped');
    const polls = fake.polls.length;
    fake.finishTasks();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fake.polls.length).toBe(polls);
    expect(fake.downloads).toHaveLength(0);
    expect(t.core.runner.store.get(id)?.status).toBe('cancelled');
  });

  it('re-sends an unknown outcome only with confirmResubmit', async () => {
    fake = await startFakeBfl();
    t = await openTestCore({ apiBase: fake.apiBase });
    fake.setNext({ kind: 'drop-after-create' });
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a windmill') });
    const [unknown] = await t.core.runner.waitFor([jobs[0]!.id]);
    expect(unknown?.status).toBe('unknown');
    await expect(t.call('jobs:retry', { id: unknown!.id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(fake.submits).toHaveLength(1);
    const fresh = await t.call('jobs:retry', { id: unknown!.id, confirmResubmit: true });
    const [done] = await t.core.runner.waitFor([fresh.id]);
    expect(done?.status).toBe('done');
    expect(fake.submits).toHaveLength(2);
  });
});

describe('requests', () => {
  it('sends reference images as base64 in the model image fields and records their hashes', async () => {
    fake = await startFakeBfl();
    t = await openTestCore({ apiBase: fake.apiBase });
    const bytes = await makeImage('png');
    const input = await t.call('inputs:add', { name: 'ref.png', dataBase64: Buffer.from(bytes).toString('base64') });
    const request = { model: 'flux-2-klein-4b', prompt: 'make it night', params: {}, inputs: [input.hash] };
    const { jobs } = await t.call('jobs:submit', { request });
    const [job] = await t.core.runner.waitFor([jobs[0]!.id]);
    expect(job?.status).toBe('done');
    const body = fake.submits[0]?.body as Record<string, unknown>;
    expect(body.input_image).toBe(Buffer.from(bytes).toString('base64'));
    expect(t.core.library.getGeneration(job!.generationId!)?.inputs).toEqual([input.hash]);
  });

  it('rejects an invalid request before writing or sending anything', async () => {
    fake = await startFakeBfl();
    t = await openTestCore({ apiBase: fake.apiBase });
    await expect(t.call('jobs:submit', { request: kleinRequest('bad size', { width: 100 }) })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await t.call('jobs:list')).toHaveLength(0);
    expect(fake.submits).toHaveLength(0);
  });

  it('gives a batch with a seed S the seeds S, S+1, … and stores the estimate', async () => {
    fake = await startFakeBfl();
    t = await openTestCore({ apiBase: fake.apiBase });
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('tulips', { seed: 7 }), count: 3 });
    expect(jobs.map((j) => j.request.params.seed)).toEqual([7, 8, 9]);
    expect(jobs.every((j) => typeof j.estimatedCost === 'number')).toBe(true);
    const done = await t.core.runner.waitFor(jobs.map((j) => j.id));
    const seeds = done.map((j) => t!.core.library.getGeneration(j.generationId!)?.seed);
    expect(seeds).toEqual([7, 8, 9]);
  });
});
