import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/types';
import { batchProgress, groupBatches, jobSeed } from './batches';

function job(id: string, batchId: string, status: Job['status'], createdAt: string, seed?: number): Job {
  return {
    id,
    batchId,
    status,
    request: { model: 'flux-2-pro', prompt: 'p', params: seed === undefined ? {} : { seed }, inputs: [] },
    projectId: null,
    taskId: null,
    cost: null,
    estimatedCost: 3,
    progress: status === 'polling' ? 0.5 : null,
    error: null,
    generationId: null,
    createdAt,
    updatedAt: createdAt,
    submittedAt: null,
    finishedAt: null,
  };
}

describe('queue batches', () => {
  it('makes one row per batch, newest batch first, its jobs in the order they were sent', () => {
    const jobs = [
      job('b2', 'B', 'queued', '2026-11-20T12:00:02.001Z'),
      job('b1', 'B', 'done', '2026-11-20T12:00:02.000Z'),
      job('a1', 'A', 'done', '2026-11-20T12:00:01.000Z'),
    ];
    const batches = groupBatches(jobs);
    expect(batches.map((b) => b.id)).toEqual(['B', 'A']);
    expect(batches[0]?.jobs.map((j) => j.id)).toEqual(['b1', 'b2']);
    expect(batches[0]).toMatchObject({ done: 1, active: 1, stopped: 0 });
  });

  it('fills the progress bar by finished jobs and the progress of running ones', () => {
    const [batch] = groupBatches([
      job('1', 'B', 'done', '2026-11-20T12:00:00.000Z'),
      job('2', 'B', 'polling', '2026-11-20T12:00:00.001Z'),
    ]);
    expect(batchProgress(batch!)).toBeCloseTo(0.75);
  });

  it('reads the seed a job was sent with, or null for a random one', () => {
    expect(jobSeed(job('1', 'B', 'done', '2026-11-20T12:00:00.000Z', 42))).toBe(42);
    expect(jobSeed(job('1', 'B', 'done', '2026-11-20T12:00:00.000Z'))).toBeNull();
  });
});
