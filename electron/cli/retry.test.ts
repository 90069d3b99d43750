import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../shared/errors';
import type { Job, JobStatus } from '../../shared/types';
import { retryQuestion } from './retry';

function job(status: JobStatus, taskId: string | null, error: ErrorInfo | null): Job {
  return { id: 'j1', status, taskId, error, estimatedCost: 0.04 } as Job;
}

describe('the question seedbank retry asks', () => {
  it('says the earlier attempt may have been charged when its outcome is unknown', () => {
    const text = retryQuestion(job('unknown', null, { code: 'NETWORK', message: 'The connection was lost.' }));
    expect(text).toMatch(/^Job j1 \(unknown\): The connection was lost\.$/m);
    expect(text).toMatch(/may have been charged.*may cost twice/);
    expect(text).toMatch(/Send it again as a new job \(about 0\.04 credits\)\?$/);
  });

  it('says so too when BFL had accepted it, naming the task', () => {
    const text = retryQuestion(job('failed', 'task-7', { code: 'INTERNAL', message: 'BFL reported Error' }));
    expect(text).toMatch(/may have been charged: BFL accepted it \(task task-7\)/);
  });

  it('does not claim a charge for a request BFL refused', () => {
    const text = retryQuestion(job('failed', null, { code: 'INVALID_INPUT', message: 'HTTP 422' }));
    expect(text).not.toMatch(/charged/);
    expect(text).toMatch(/^Job j1 \(failed\): HTTP 422\.\nSend it again/);
  });
});
