import { describe, expect, it } from 'vitest';
import type { Job, JobStatus } from '../../../shared/types';
import { queueSummary } from './queue-summary';

function job(status: JobStatus, i: number): Job {
  return {
    id: `job-${i}`,
    batchId: `batch-${i}`,
    status,
    request: { model: 'flux-2-pro', prompt: 'a lighthouse', params: {}, inputs: [] },
    projectId: null,
    taskId: null,
    cost: null,
    estimatedCost: null,
    progress: null,
    error: null,
    generationId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    submittedAt: null,
    finishedAt: null,
  };
}
const jobs = (...statuses: JobStatus[]) => statuses.map(job);

describe('the collapsed queue’s one line', () => {
  it('counts what is running apart from what waits its turn, then what needs the person', () => {
    expect(queueSummary(jobs('polling', 'submitting', 'downloading', 'queued', 'queued', 'done'))).toBe(
      '3 running · 2 queued',
    );
    expect(queueSummary(jobs('paused', 'unknown'))).toBe('1 paused · 1 outcome unknown');
  });

  it('keeps saying that jobs stopped without an image until they are cleared', () => {
    expect(queueSummary(jobs('queued', 'failed', 'moderated', 'expired', 'cancelled'))).toBe('1 queued · 3 failed');
  });

  it('says when nothing is under way', () => {
    expect(queueSummary(jobs('done', 'cancelled'))).toBe('Nothing running');
    expect(queueSummary([])).toBe('Nothing queued');
  });
});
