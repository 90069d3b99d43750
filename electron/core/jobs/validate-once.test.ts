import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as models from '../../../shared/models';
import type { FakeBfl } from '../../../test/fake-bfl';
import { makeImage } from '../../../test/support/metadata-fixtures';
import {
  closeEmulatorCore,
  kleinRequest,
  openEmulatorCore,
  type TestCore,
} from '../../../test/support/jobs-test-harness';

// Count the catalog validation calls while keeping the real rule.
vi.mock('../../../shared/models', async (importOriginal) => {
  const original = await importOriginal<typeof models>();
  return { ...original, validateRequest: vi.fn(original.validateRequest) };
});

let fake: FakeBfl;
let t: TestCore;

beforeEach(async () => {
  ({ fake, t } = await openEmulatorCore());
  vi.mocked(models.validateRequest).mockClear();
});

afterEach(async () => {
  await closeEmulatorCore({ fake, t });
});

describe('validate once, read once', () => {
  it('validates each job once, from submit to the stored image, and sends the body it stored', async () => {
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('two lanterns', { seed: 3 }), count: 2 });
    const done = await t.core.runner.waitFor(jobs.map((j) => j.id));
    expect(done.map((j) => j.status)).toEqual(['done', 'done']);
    expect(vi.mocked(models.validateRequest)).toHaveBeenCalledTimes(2);
    const stored = jobs.map((j) => JSON.parse(t.core.runner.store.get(j.id)?.body ?? 'null') as unknown);
    expect(stored).toEqual(fake.submits.map((s) => s.body));
  });

  it('reads a reference image once per submit, taking its size from the inputs row', async () => {
    const bytes = await makeImage('png');
    const input = await t.call('inputs:add', { name: 'ref.png', dataBase64: Buffer.from(bytes).toString('base64') });
    const reads = vi.spyOn(t.core.library, 'readInput');
    const request = { model: 'flux-2-klein-4b', prompt: 'make it night', params: {}, inputs: [input.hash] };
    const { jobs } = await t.call('jobs:submit', { request });
    const [job] = await t.core.runner.waitFor([jobs[0]!.id]);
    expect(job?.status).toBe('done');
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
