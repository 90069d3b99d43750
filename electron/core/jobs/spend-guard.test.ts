import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeedbankError } from '../../../shared/errors';
import type { FakeBfl } from '../../../test/fake-bfl';
import { confirmationNeeded } from './spend-guard';
import {
  closeEmulatorCore,
  kleinRequest,
  openEmulatorCore,
  type TestCore,
} from '../../../test/support/jobs-test-harness';

async function refusal(promise: Promise<unknown>): Promise<SeedbankError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SeedbankError) return err;
    throw err;
  }
  throw new Error('expected a refusal, but the submission was accepted');
}

describe('the spend guard, through the dispatcher', () => {
  let fake: FakeBfl;
  let t: TestCore;

  beforeEach(async () => {
    ({ fake, t } = await openEmulatorCore());
  });

  afterEach(async () => {
    await closeEmulatorCore({ fake, t });
  });

  it('refuses 4 identical requests (fixed seed) with CONFIRM_REQUIRED, writing and sending nothing', async () => {
    const submit = { request: kleinRequest('four same owls', { seed: 42 }), count: 4, seedMode: 'fixed' as const };
    const err = await refusal(t.call('jobs:submit', submit));
    expect(err).toMatchObject({ code: 'CONFIRM_REQUIRED', field: 'seedMode' });
    expect(err.message).toMatch(/4 identical/);
    expect(await t.call('jobs:list')).toHaveLength(0);
    expect(fake.submits).toHaveLength(0);

    const { jobs } = await t.call('jobs:submit', { ...submit, confirmed: true });
    expect(jobs.map((j) => j.request.params.seed)).toEqual([42, 42, 42, 42]);
  });

  it('lets a batch with a fixed seed through when it steps the seed', async () => {
    const { jobs } = await t.call('jobs:submit', {
      request: kleinRequest('four owls', { seed: 42 }),
      count: 4,
      seedMode: 'increment',
    });
    expect(jobs).toHaveLength(4);
  });

  it('refuses a batch over the cost-confirmation threshold unless confirmed, naming both figures', async () => {
    t.core.ctx.settings.update({ costConfirmThreshold: 5 });
    const submit = { request: { model: 'flux-2-pro', prompt: 'a kite', params: {}, inputs: [] }, count: 3 };
    const err = await refusal(t.call('jobs:submit', submit));
    expect(err.code).toBe('CONFIRM_REQUIRED');
    expect(err.message).toMatch(/9 credits.*threshold of 5 credits/);
    expect(await t.call('jobs:list')).toHaveLength(0);
    const { jobs } = await t.call('jobs:submit', { ...submit, confirmed: true });
    expect(jobs).toHaveLength(3);
  });

  it('asks nothing when the threshold is 0 (off) and the requests differ', async () => {
    t.core.ctx.settings.update({ costConfirmThreshold: 0 });
    const { jobs } = await t.call('jobs:submit', {
      request: { model: 'flux-2-pro', prompt: 'a kite', params: {}, inputs: [] },
      count: 3,
    });
    expect(jobs).toHaveLength(3);
  });
});

describe('confirmationNeeded', () => {
  const job = (estimatedCost: number | null, seed = 1) => ({
    params: { seed },
    body: { prompt: 'x', seed },
    estimatedCost,
  });

  it('asks when the estimate is unknown while a threshold is set', () => {
    expect(confirmationNeeded([job(null)], 50)?.message).toMatch(/not known/);
    expect(confirmationNeeded([job(null)], 0)).toBeNull();
  });

  it('does not call requests without a seed identical: BFL draws a new seed for each', () => {
    const unseeded = { params: {}, body: { prompt: 'x' }, estimatedCost: 1 };
    expect(confirmationNeeded([unseeded, unseeded], 0)).toBeNull();
  });
});
