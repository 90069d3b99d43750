import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/types';
import { JobRow } from './JobRow';

function job(patch: Partial<Job>): Job {
  return {
    id: 'job-1',
    batchId: 'batch-1',
    status: 'queued',
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
    ...patch,
  };
}

const render = (j: Job) => renderToStaticMarkup(createElement(JobRow, { job: j, now: Date.now() }));

describe('a job in the queue', () => {
  it('shows a paused job as "Paused — <reason>" with a Resume button', () => {
    const html = render(
      job({
        status: 'paused',
        taskId: 'task-1',
        error: { code: 'INTERNAL', message: 'The disk is full: about 1.5 MB more is needed in /data.' },
      }),
    );
    expect(html).toContain('Paused — </strong>The disk is full: about 1.5 MB more is needed');
    expect(html).toMatch(/<button[^>]*>Resume<\/button>/);
    expect(html).not.toMatch(/>Retry</);
  });

  it('offers no Cancel for a paid result being downloaded', () => {
    expect(render(job({ status: 'downloading', taskId: 'task-1' }))).not.toMatch(/>Cancel</);
    expect(render(job({ status: 'polling', taskId: 'task-1' }))).toMatch(/>Cancel</);
  });
});
