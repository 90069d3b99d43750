import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { DEFAULT_FAKE_KEY, type FakeBfl } from '../../../test/fake-bfl';
import type { Logger } from '../logging/logger';
import { clientFor, failure, startEmulator, type TestClientOptions } from '../../../test/support/bfl-client-test-kit';

let fake: FakeBfl;
let lines: string[];

const memoryLogger = (): Logger => {
  const write = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    lines.push(JSON.stringify({ level, msg, ...fields }));
  return { file: null, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
};

/** Every client in this file logs into `lines`, so a test can check what was (not) logged. */
function client(options: Omit<TestClientOptions, 'logger'> = {}) {
  return clientFor(fake, { ...options, logger: memoryLogger() });
}

beforeEach(async () => {
  lines = [];
  fake = await startEmulator();
});
afterEach(async () => {
  await fake.close();
});

describe('BflClient.submit', () => {
  it('sends the body with x-key and returns id, polling URL and cost', async () => {
    const answer = await client().submit('flux-2-pro', { prompt: 'a fox', width: 2048, height: 1024 });
    expect(answer).toMatchObject({ cost: 4.5, inputMp: 0, outputMp: 2 });
    expect(answer.pollingUrl.startsWith(fake.pollingBase)).toBe(true);
    expect(fake.submits[0]).toMatchObject({
      model: 'flux-2-pro',
      body: { prompt: 'a fox', width: 2048, height: 1024 },
    });
    expect(fake.submits[0]?.headers['x-key']).toBe(DEFAULT_FAKE_KEY);
  });

  it('maps a 422 to INVALID_INPUT naming the field BFL named', async () => {
    const err = await failure(client().submit('flux-2-pro', { width: 1024, height: 1024 }));
    expect(err).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'prompt',
      httpStatus: 422,
      sent: 'yes',
      retryable: false,
    });
    expect(err.message).toContain('prompt: Field required');
  });

  it('maps 402 to OUT_OF_CREDITS and never marks it retryable', async () => {
    fake.setCredits(1);
    const err = await failure(client().submit('flux-2-max', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'OUT_OF_CREDITS', httpStatus: 402, retryable: false });
  });

  it('maps a wrong key to KEY_REJECTED without the key in the message or the log', async () => {
    const secret = 'sk-wrong-key-123456789';
    const err = await failure(client({ key: secret }).submit('flux-2-pro', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'KEY_REJECTED', httpStatus: 403 });
    expect(err.message).not.toContain(secret);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('refuses to send without a key', async () => {
    const err = await failure(client({ key: null }).submit('flux-2-pro', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'KEY_MISSING', sent: 'no' });
    expect(fake.requests).toHaveLength(0);
  });

  it('maps an unknown endpoint to NOT_FOUND', async () => {
    const err = await failure(client().submit('flux-3-mega', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
    expect(err.message).toContain('flux-3-mega');
  });

  it('maps 429 to RATE_LIMITED, safe to resend, honouring Retry-After', async () => {
    fake.setNext({ kind: 'http', status: 429, retryAfterSeconds: 2 });
    const err = await failure(client().submit('flux-2-pro', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true, sent: 'no', retryAfterMs: 2000 });
  });

  it('hits the active-task limit of kontext-max on the seventh task', async () => {
    fake.setTaskMs(Number.POSITIVE_INFINITY);
    const c = client();
    for (let i = 0; i < 6; i++) await c.submit('flux-kontext-max', { prompt: `x${i}` });
    const err = await failure(c.submit('flux-kontext-max', { prompt: 'x' }));
    expect(err.code).toBe('RATE_LIMITED');
  });

  it('treats 503 as not sent and retryable', async () => {
    fake.setNext({ kind: 'http', status: 503 });
    expect(await failure(client().submit('flux-2-pro', { prompt: 'x' }))).toMatchObject({
      code: 'NETWORK',
      sent: 'no',
      retryable: true,
    });
  });

  it("treats a 503 whose body is not BFL's JSON (a proxy page) as an unknown outcome, never resent", async () => {
    fake.setNext({ kind: 'proxy-error', status: 503 });
    const err = await failure(client().submit('flux-2-pro', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'NETWORK', httpStatus: 503, sent: 'maybe', retryable: false });
    expect(err.message).toMatch(/may or may not exist/);
  });

  it('treats a 500 on submit as an unknown outcome that must not be resent', async () => {
    fake.setNext({ kind: 'http', status: 500 });
    expect(await failure(client().submit('flux-2-pro', { prompt: 'x' }))).toMatchObject({
      code: 'NETWORK',
      sent: 'maybe',
      retryable: false,
    });
  });

  it('reports a connection dropped after the task was created as sent "maybe"', async () => {
    fake.setNext({ kind: 'drop-after-create' });
    const err = await failure(client().submit('flux-2-pro', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'NETWORK', sent: 'maybe', retryable: false });
    expect(err.message).toContain('may have been created');
    expect(fake.tasks()).toHaveLength(1);
  });

  it('reports a submit that gets no answer before the deadline as sent "maybe"', async () => {
    fake.setNext({ kind: 'hang' });
    const err = await failure(client({ requestTimeoutMs: 300 }).submit('flux-2-pro', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'NETWORK', sent: 'maybe', retryable: false });
  });

  it('reports an unreadable 200 answer as an unknown outcome', async () => {
    fake.setNext({ kind: 'malformed-json' });
    expect(await failure(client().submit('flux-2-pro', { prompt: 'x' }))).toMatchObject({
      code: 'NETWORK',
      sent: 'maybe',
    });
  });

  it('reports a refused connection as sent "no" and retryable', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await failure(client({ apiBase: `http://127.0.0.1:${port}` }).submit('flux-2-pro', { prompt: 'x' }));
    expect(err).toMatchObject({ code: 'NETWORK', sent: 'no', retryable: true });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('reports a host that does not resolve as sent "no"', async () => {
    const err = await failure(
      client({ apiBase: 'http://seedbank-no-such-host.invalid' }).submit('flux-2-pro', { prompt: 'x' }),
    );
    expect(err).toMatchObject({ code: 'NETWORK', sent: 'no', retryable: true });
  });

  it('logs method, host, path, status and time for each request, never the key', async () => {
    await client().submit('flux-2-pro', { prompt: 'x' });
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({
      method: 'POST',
      host: new URL(fake.apiBase).host,
      path: '/v1/flux-2-pro',
      status: 200,
    });
    expect(entry.ms).toBeTypeOf('number');
    expect(lines.join('\n')).not.toContain(DEFAULT_FAKE_KEY);
  });
});

describe('BflClient.credits', () => {
  it('reads the balance and sees it drop after a submit', async () => {
    const c = client();
    expect(await c.credits()).toBe(1000);
    await c.submit('flux-2-pro', { prompt: 'x' });
    expect(await c.credits()).toBe(997);
    expect(fake.requests.filter((r) => r.path === '/v1/credits').every((r) => r.hadKey)).toBe(true);
  });
});
