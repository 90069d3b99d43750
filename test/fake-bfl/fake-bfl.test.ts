import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl, type FakeBflOptions } from './index';

let fake: FakeBfl;
const KEY = { 'x-key': DEFAULT_FAKE_KEY, 'content-type': 'application/json' };

async function boot(options: FakeBflOptions = {}) {
  fake = await startFakeBfl(options);
}
afterEach(async () => {
  await fake.close();
});

async function submit(model: string, body: unknown, headers: Record<string, string> = KEY) {
  const res = await fetch(`${fake.apiBase}/v1/${model}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function pollUntilDone(url: string): Promise<Record<string, unknown>> {
  for (;;) {
    const res = await fetch(url, { headers: KEY });
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status !== 'Pending') return body;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('fake BFL: hosts and auth', () => {
  beforeEach(() => boot());

  it('serves API, polling and delivery on three different ports', () => {
    const ports = new Set([fake.apiBase, fake.pollingBase, fake.deliveryBase].map((b) => new URL(b).port));
    expect(ports.size).toBe(3);
  });

  it('answers a submit with an id, a polling URL on the polling host and the cost', async () => {
    const { status, body } = await submit('flux-2-pro', { prompt: 'a fox', width: 1024, height: 1024 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ cost: 3, input_mp: 0, output_mp: 1 });
    expect(String(body.polling_url)).toBe(`${fake.pollingBase}/v1/get_result?id=${String(body.id)}`);
    expect(fake.submits).toHaveLength(1);
    expect(fake.submits[0]?.body).toEqual({ prompt: 'a fox', width: 1024, height: 1024 });
  });

  it('refuses a wrong or missing key with 403 in BFL’s words', async () => {
    const wrong = await submit('flux-2-pro', { prompt: 'x' }, { 'x-key': 'nope', 'content-type': 'application/json' });
    expect(wrong).toMatchObject({ status: 403, body: { detail: 'Not authenticated - Invalid Authentication' } });
    const credits = await fetch(`${fake.apiBase}/v1/credits`);
    expect(credits.status).toBe(403);
    expect(fake.requests.at(-1)).toMatchObject({ host: 'api', path: '/v1/credits', hadKey: false, status: 403 });
  });

  it('answers 404 Not Found for an unknown endpoint', async () => {
    expect(await submit('flux-9-ultra', { prompt: 'x' })).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
  });

  it('answers 422 with the detail list for a missing prompt', async () => {
    const { status, body } = await submit('flux-2-pro', { width: 1024, height: 1024 });
    expect(status).toBe(422);
    expect(body.detail).toEqual([{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' }]);
  });

  it('reports credits and deducts each submit’s cost; flux-dev has no cost', async () => {
    fake.setCredits(10);
    await submit('flux-2-pro', { prompt: 'x', width: 1024, height: 1024 });
    const dev = await submit('flux-dev', { prompt: 'x' });
    expect(dev.body).toMatchObject({ cost: null, input_mp: null, output_mp: null });
    const res = await fetch(`${fake.apiBase}/v1/credits`, { headers: KEY });
    expect(await res.json()).toEqual({ credits: 7 });
  });
});

describe('fake BFL: tasks and delivery', () => {
  it('runs a task to Ready with progress, rate-limit headers and an upsampled prompt', async () => {
    await boot({ taskMs: 200, pollRetryAfterSeconds: 0.5 });
    const { body } = await submit('flux-2-pro', { prompt: 'a fox', seed: 42 });
    const first = await fetch(String(body.polling_url), { headers: KEY });
    expect(first.headers.get('retry-after')).toBe('0.5');
    expect(first.headers.get('x-ratelimit-limit')).toBe('600');
    expect(await first.json()).toMatchObject({ status: 'Pending', result: null });
    const done = await pollUntilDone(String(body.polling_url));
    expect(done).toMatchObject({ status: 'Ready', progress: 1, result: { seed: 42 } });
    const result = done.result as Record<string, unknown>;
    expect(String(result.prompt)).toMatch(/^a fox, /);
    expect(String(result.sample).startsWith(fake.deliveryBase)).toBe(true);
    expect(result.duration).toBeTypeOf('number');
  });

  it('also answers get_result on the API host', async () => {
    await boot({ taskMs: 0 });
    const { body } = await submit('flux-2-klein-4b', { prompt: 'x' });
    const res = await fetch(`${fake.apiBase}/v1/get_result?id=${String(body.id)}`, { headers: KEY });
    expect(await res.json()).toMatchObject({ status: 'Ready' });
  });

  it('delivers a real image in the requested format, scaled to 256 px', async () => {
    await boot({ taskMs: 0 });
    const { body } = await submit('flux-2-pro', { prompt: 'x', width: 1024, height: 512, output_format: 'png' });
    const done = await pollUntilDone(String(body.polling_url));
    const res = await fetch(String((done.result as { sample: string }).sample));
    expect(res.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 256, height: 128 });
    expect(fake.downloads).toEqual([{ taskId: body.id, hadKey: false, httpStatus: 200 }]);
  });

  it('uses png by default for kontext and jpeg for FLUX.2', async () => {
    await boot({ taskMs: 0 });
    await submit('flux-kontext-pro', { prompt: 'x' });
    await submit('flux-2-pro', { prompt: 'x' });
    expect(fake.tasks().map((t) => t.format)).toEqual(['png', 'jpeg']);
  });

  it('refuses an x-key on the delivery host and records that it came', async () => {
    await boot({ taskMs: 0 });
    const { body } = await submit('flux-2-pro', { prompt: 'x' });
    const done = await pollUntilDone(String(body.polling_url));
    const res = await fetch(String((done.result as { sample: string }).sample), { headers: KEY });
    expect(res.status).toBe(400);
    expect(fake.downloads[0]?.hadKey).toBe(true);
  });

  it('lets sample URLs expire (403) and scripts a delivery 404', async () => {
    await boot({ taskMs: 0 });
    fake.script([], { kind: 'delivery-404' });
    const a = await submit('flux-2-pro', { prompt: 'x' });
    const b = await submit('flux-2-pro', { prompt: 'y' });
    const sampleOf = async (url: unknown) =>
      String(((await pollUntilDone(String(url))).result as { sample: string }).sample);
    const sampleA = await sampleOf(a.body.polling_url);
    const sampleB = await sampleOf(b.body.polling_url);
    expect((await fetch(sampleB)).status).toBe(404);
    fake.expireSamples();
    expect((await fetch(sampleA)).status).toBe(403);
  });

  it('holds a task until finishTasks and counts it as active meanwhile', async () => {
    await boot();
    const { body } = await submit('flux-2-pro', { prompt: 'x [fake:hold-task]' });
    expect(fake.activeTasks()).toBe(1);
    fake.finishTasks();
    expect(fake.activeTasks()).toBe(0);
    expect(fake.task(String(body.id))?.status).toBe('Ready');
  });
});

describe('fake BFL: faults', () => {
  beforeEach(() => boot({ taskMs: 0 }));

  it('enforces 6 active tasks for kontext-max with a 429', async () => {
    fake.setTaskMs(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 6; i++) expect((await submit('flux-kontext-max', { prompt: `x${i}` })).status).toBe(200);
    expect((await submit('flux-kontext-max', { prompt: 'x' })).status).toBe(429);
    expect((await submit('flux-kontext-pro', { prompt: 'x' })).status).toBe(200);
  });

  it('ends tasks with scripted statuses and moderation reasons from prompt markers', async () => {
    const moderated = await submit('flux-2-pro', { prompt: 'x [fake:request-moderated]' });
    expect(await pollUntilDone(String(moderated.body.polling_url))).toMatchObject({
      status: 'Request Moderated',
      details: { 'Moderation Reasons': ['Derivative Works Filter'] },
    });
    fake.setNext({ kind: 'end', status: 'Failed' });
    const failed = await submit('flux-2-pro', { prompt: 'x' });
    expect(await pollUntilDone(String(failed.body.polling_url))).toMatchObject({ status: 'Failed' });
  });

  it('answers scripted HTTP errors on submit without creating a task', async () => {
    fake.script({ kind: 'http', status: 503, retryAfterSeconds: 3 });
    const res = await submit('flux-2-pro', { prompt: 'x' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(fake.tasks()).toHaveLength(0);
  });

  it('drops the connection after creating (and billing) the task', async () => {
    fake.setNext({ kind: 'drop-after-create' });
    await expect(submit('flux-2-pro', { prompt: 'x' })).rejects.toThrow();
    expect(fake.tasks()).toHaveLength(1);
    expect(fake.credits()).toBeLessThan(1000);
    expect(fake.submits[0]?.taskId).toBe(fake.tasks()[0]?.id);
  });

  it('reports an unknown id as Task not found', async () => {
    const res = await fetch(`${fake.pollingBase}/v1/get_result?id=nope`, { headers: KEY });
    expect(await res.json()).toMatchObject({ id: 'nope', status: 'Task not found' });
  });
});
