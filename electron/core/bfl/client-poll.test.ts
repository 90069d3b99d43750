import { afterEach, describe, expect, it } from 'vitest';
import type { FakeBfl, FakeBflOptions, Fault } from '../../../test/fake-bfl';
import { clientFor, failure, startEmulator } from '../../../test/support/bfl-client-test-kit';
import { pollAnswerError, type BflClient, type PollAnswer } from './index';

let fake: FakeBfl;

async function setup(options: FakeBflOptions = {}) {
  fake = await startEmulator(options);
  return clientFor(fake);
}
afterEach(async () => {
  await fake.close();
});

async function settle(client: BflClient, pollingUrl: string): Promise<PollAnswer> {
  for (;;) {
    const answer = await client.poll(pollingUrl);
    if (answer.state !== 'pending') return answer;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function runWith(fault: Fault): Promise<PollAnswer> {
  const client = await setup();
  fake.setNext(fault);
  const { pollingUrl } = await client.submit('flux-2-pro', { prompt: 'x' });
  return settle(client, pollingUrl);
}

describe('BflClient.poll', () => {
  it('follows polling_url to the polling host and reads the finished result', async () => {
    const client = await setup({ taskMs: 100, pollRetryAfterSeconds: 0.5 });
    const { pollingUrl } = await client.submit('flux-2-max', { prompt: 'a fox', seed: 7 });
    const first = await client.poll(pollingUrl);
    expect(first).toMatchObject({ state: 'pending', status: 'Pending', retryAfterMs: 500 });
    const done = await settle(client, pollingUrl);
    expect(done).toMatchObject({ state: 'ready', status: 'Ready', seed: 7, progress: 1 });
    expect(done.prompt).toMatch(/^a fox, /);
    expect(done.sample?.startsWith(fake.deliveryBase)).toBe(true);
    expect(fake.polls.every((p) => p.host === 'polling')).toBe(true);
    expect(fake.requests.filter((r) => r.host === 'polling').every((r) => r.hadKey)).toBe(true);
  });

  it('treats statuses it does not know (Reasoning, Generating) as still running', async () => {
    const client = await setup({ taskMs: Number.POSITIVE_INFINITY });
    fake.setNext({ kind: 'running-status', status: 'Generating' });
    const { pollingUrl } = await client.submit('flux-2-pro', { prompt: 'x' });
    expect(await client.poll(pollingUrl)).toMatchObject({ state: 'pending', status: 'Generating' });
  });

  it('surfaces moderation reasons of a refused request in the error message', async () => {
    const answer = await runWith({
      kind: 'end',
      status: 'Request Moderated',
      details: { 'Moderation Reasons': ['Derivative Works Filter'] },
    });
    expect(answer.state).toBe('request-moderated');
    const err = pollAnswerError(answer);
    expect(err).toMatchObject({ code: 'MODERATED', retryable: false });
    expect(err?.message).toContain('Derivative Works Filter');
  });

  it('reports withheld output as content-moderated', async () => {
    const answer = await runWith({
      kind: 'end',
      status: 'Content Moderated',
      details: { 'Moderation Reasons': ['NSFW'] },
    });
    expect(answer.state).toBe('content-moderated');
    expect(pollAnswerError(answer)?.message).toMatch(/withheld.*NSFW/);
  });

  it('ends on Error, Failed and Task not found', async () => {
    expect((await runWith({ kind: 'end', status: 'Error' })).state).toBe('error');
    await fake.close();
    expect((await runWith({ kind: 'end', status: 'Failed' })).state).toBe('failed');
    await fake.close();
    const gone = await runWith({ kind: 'end', status: 'Task not found' });
    expect(gone.state).toBe('not-found');
    expect(pollAnswerError(gone)?.code).toBe('NOT_FOUND');
  });

  it('refuses to send the key to a polling URL on a foreign host, sending nothing', async () => {
    const client = await setup();
    const port = new URL(fake.pollingBase).port;
    for (const url of [
      `http://localhost:${port}/v1/get_result?id=x`,
      'https://api.bfl.ai.evil.example/v1/get_result?id=x',
      'http://api.eu.bfl.ai/v1/get_result?id=x',
    ]) {
      const err = await failure(client.poll(url));
      expect(err).toMatchObject({ sent: 'no', retryable: false });
      expect(err.message).toContain('Refusing to poll');
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('maps a 500 while polling to a retryable NETWORK error', async () => {
    const client = await setup();
    fake.setNext({ kind: 'poll-http', status: 500 });
    const { pollingUrl } = await client.submit('flux-2-pro', { prompt: 'x' });
    expect(await failure(client.poll(pollingUrl))).toMatchObject({ code: 'NETWORK', retryable: true, httpStatus: 500 });
    expect((await client.poll(pollingUrl)).state).toBe('ready');
  });

  it('maps an unreadable poll answer to a retryable NETWORK error', async () => {
    const client = await setup();
    fake.setNext({ kind: 'poll-malformed' });
    const { pollingUrl } = await client.submit('flux-2-pro', { prompt: 'x' });
    expect(await failure(client.poll(pollingUrl))).toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('maps a 429 while polling to RATE_LIMITED', async () => {
    const client = await setup();
    fake.setNext({ kind: 'poll-http', status: 429 });
    const { pollingUrl } = await client.submit('flux-2-pro', { prompt: 'x' });
    expect(await failure(client.poll(pollingUrl))).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
  });
});
