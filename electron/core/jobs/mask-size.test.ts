import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeBfl } from '../../../test/fake-bfl';
import { closeEmulatorCore, openEmulatorCore, type TestCore } from '../../../test/support/jobs-test-harness';

let fake: FakeBfl;
let t: TestCore;

afterEach(async () => {
  await closeEmulatorCore({ fake, t });
});

async function storedInput(name: string, width: number, height: number): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
  return (await t.call('inputs:add', { name, dataBase64: png.toString('base64') })).hash;
}

describe('a fill whose mask is not its image’s size', () => {
  it('is refused with both sizes named, and nothing is stored or sent', async () => {
    ({ fake, t } = await openEmulatorCore());
    const image = await storedInput('photo.png', 96, 64);
    const mask = await storedInput('mask.png', 48, 48);
    const request = { model: 'flux-pro-1.0-fill', prompt: 'a red door', params: {}, inputs: [image, mask] };
    await expect(t.call('jobs:submit', { request })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'mask',
      message: 'mask: the mask is 48×48 but its image is 96×64; they must be the same size',
    });
    await expect(t.call('jobs:estimate', { request, count: 1 })).rejects.toMatchObject({ field: 'mask' });
    expect(await t.call('jobs:list')).toHaveLength(0);
    expect(fake.submits).toHaveLength(0);
  });

  it('goes through when the mask matches', async () => {
    ({ fake, t } = await openEmulatorCore());
    const image = await storedInput('photo.png', 96, 64);
    const mask = await storedInput('mask.png', 96, 64);
    const request = { model: 'flux-pro-1.0-fill', prompt: 'a red door', params: {}, inputs: [image, mask] };
    const { jobs } = await t.call('jobs:submit', { request });
    expect(jobs).toHaveLength(1);
    await t.core.runner.waitFor([jobs[0]!.id]);
    expect(fake.submits).toHaveLength(1);
  });
});
