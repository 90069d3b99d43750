/**
 * Short deliveries: a body that ends early or a connection reset mid-body is fetched again while
 * the sample URL lives, then BFL is asked for the task again; a job never hangs in `downloading`
 * and no short copy is ever kept or stored.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeBfl } from '../../../test/fake-bfl';
import { assertCompleteImage } from '../metadata';
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

afterEach(async () => {
  await closeEmulatorCore({ fake, t });
});

async function runOne(prompt: string, params: Record<string, unknown> = {}) {
  const { jobs } = await t.call('jobs:submit', { request: kleinRequest(prompt, params) });
  const [job] = await t.core.runner.waitFor([jobs[0]!.id]);
  return job!;
}

describe('short deliveries', () => {
  it.each(['truncated', 'reset'] as const)(
    'downloads again after a %s delivery and stores the whole image',
    async (how) => {
      fake.setNext({ kind: 'delivery-cut', how, times: 2 });
      const job = await runOne(`a harbour, delivery ${how}`, { output_format: 'png' });
      expect(job.status).toBe('done');
      expect(fake.downloads.filter((d) => d.cut === how)).toHaveLength(2);
      const generation = t.core.library.getGeneration(job.generationId!);
      const stored = fs.readFileSync(`${t.home}/${generation!.file}`);
      expect(() => assertCompleteImage(new Uint8Array(stored))).not.toThrow();
      expect(fake.submits).toHaveLength(1);
    },
  );

  it('asks BFL for the task again when every delivery from the URL is short, then expires instead of hanging', async () => {
    fake.setNext({ kind: 'delivery-cut', how: 'truncated', times: 1_000 });
    const job = await runOne('a harbour that never arrives whole');
    expect(job.status).toBe('expired');
    expect(job.error?.message).toMatch(/never arrived whole.*generate it again/);
    // One poll to learn it is ready, at least one more to ask for a fresh URL.
    const readyPolls = fake.polls.filter((p) => p.taskId === job.taskId && p.status === 'Ready');
    expect(readyPolls.length).toBeGreaterThanOrEqual(2);
    expect((await t.call('library:list', {})).total).toBe(0);
  });

  it('finishes from a fresh URL when the re-asked task delivers whole', async () => {
    fake.setNext({ kind: 'delivery-cut', how: 'reset', times: 4 });
    const job = await runOne('a harbour, whole on the second URL');
    expect(job.status).toBe('done');
    expect(fake.downloads.filter((d) => d.cut === 'reset')).toHaveLength(4);
    // Four cut deliveries use up the first address: BFL was asked for the task again.
    expect(fake.polls.filter((p) => p.taskId === job.taskId && p.status === 'Ready').length).toBeGreaterThanOrEqual(2);
  });
});
