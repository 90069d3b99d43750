import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeBfl } from '../../../test/fake-bfl';
import { readRecordFromFile } from '../metadata';
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

afterEach(() => closeEmulatorCore({ fake, t }));

describe('job runner happy path', () => {
  it('submits, polls, downloads and stores the image with its embedded record', async () => {
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a red fox in snow', { seed: 42 }) });
    const [job] = await t.core.runner.waitFor(jobs.map((j) => j.id));
    expect(job?.status).toBe('done');
    expect(job?.taskId).toBeTruthy();
    expect(job?.generationId).toBeTruthy();

    const generation = t.core.library.getGeneration(job!.generationId!);
    expect(generation).not.toBeNull();
    const record = await readRecordFromFile(path.join(t.home, generation!.file));
    expect(record?.prompt).toBe('a red fox in snow');
    expect(record?.seed).toBe(42);
    expect(record?.taskId).toBe(job?.taskId);
    expect(record?.params).toMatchObject({ width: 256, height: 256, seed: 42 });
    expect(fs.existsSync(path.join(t.home, generation!.file))).toBe(true);
  });

  it('walks the states in order and emits jobs:changed for each', async () => {
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a lighthouse') });
    await t.core.runner.waitFor([jobs[0]!.id]);
    const statuses = t.jobEvents(jobs[0]!.id).map((j) => j.status);
    const order = statuses.filter((s, i) => s !== statuses[i - 1]);
    expect(order).toEqual(['queued', 'submitting', 'polling', 'downloading', 'done']);
    expect(statuses.filter((s) => s === 'done')).toHaveLength(1);
  });

  it('never sends the key to the delivery host', async () => {
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a boat') });
    await t.core.runner.waitFor([jobs[0]!.id]);
    expect(fake.downloads.length).toBe(1);
    expect(fake.downloads.every((d) => !d.hadKey)).toBe(true);
  });
});
