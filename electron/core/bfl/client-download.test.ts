import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { FakeBfl, Fault } from '../../../test/fake-bfl';
import { clientFor, failure, startEmulator } from '../../../test/support/bfl-client-test-kit';
import type { BflClient } from './index';

let fake: FakeBfl;
let client: BflClient;

beforeEach(async () => {
  fake = await startEmulator();
  client = clientFor(fake);
});
afterEach(async () => {
  await fake.close();
});

async function sampleFor(model: string, body: Record<string, unknown>, fault?: Fault): Promise<string> {
  if (fault) fake.setNext(fault);
  const { pollingUrl } = await client.submit(model, body);
  const answer = await client.poll(pollingUrl);
  if (!answer.sample) throw new Error(`no sample (${answer.status})`);
  return answer.sample;
}

describe('BflClient.download', () => {
  it('downloads the image without ever sending x-key to the delivery host', async () => {
    const { bytes, contentType } = await client.download(
      await sampleFor('flux-2-pro', { prompt: 'x', output_format: 'webp' }),
    );
    expect(contentType).toBe('image/webp');
    expect((await sharp(bytes).metadata()).format).toBe('webp');
    expect(fake.downloads).toHaveLength(1);
    expect(fake.requests.filter((r) => r.host === 'delivery').map((r) => r.hadKey)).toEqual([false]);
  });

  it('gets kontext results as png by default', async () => {
    const { contentType } = await client.download(await sampleFor('flux-kontext-pro', { prompt: 'x' }));
    expect(contentType).toBe('image/png');
  });

  it('reports an expired sample URL as NOT_FOUND, not retryable', async () => {
    const sample = await sampleFor('flux-2-pro', { prompt: 'x' });
    fake.expireSamples();
    const err = await failure(client.download(sample));
    expect(err).toMatchObject({ code: 'NOT_FOUND', httpStatus: 403, retryable: false });
    expect(err.message).toContain('no longer available');
  });

  it('reports a missing sample (404) as NOT_FOUND', async () => {
    const sample = await sampleFor('flux-2-pro', { prompt: 'x' }, { kind: 'delivery-404' });
    expect(await failure(client.download(sample))).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
  });

  it('stops a download larger than maxBytes', async () => {
    const sample = await sampleFor('flux-2-pro', { prompt: 'x', output_format: 'png' });
    expect(await failure(client.download(sample, { maxBytes: 100 }))).toMatchObject({
      code: 'NETWORK',
      retryable: false,
    });
  });

  it('reports a cancelled download as CANCELLED', async () => {
    const sample = await sampleFor('flux-2-pro', { prompt: 'x' });
    const controller = new AbortController();
    controller.abort();
    expect(await failure(client.download(sample, { signal: controller.signal }))).toMatchObject({ code: 'CANCELLED' });
  });
});
