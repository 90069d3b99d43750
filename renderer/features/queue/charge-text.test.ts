import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/types';
import { chargeText } from './charge-text';

function job(patch: Partial<Job>): Job {
  return {
    id: 'j',
    batchId: 'b',
    status: 'queued',
    request: { model: 'flux-2-pro', prompt: 'p', params: {}, inputs: [] },
    projectId: null,
    taskId: null,
    cost: null,
    estimatedCost: 3,
    progress: null,
    error: null,
    generationId: null,
    createdAt: '2026-11-20T12:00:00.000Z',
    updatedAt: '2026-11-20T12:00:00.000Z',
    submittedAt: null,
    finishedAt: null,
    ...patch,
  };
}

describe('what a queue row says about money', () => {
  it('says "not charged" for a job BFL refused before accepting it (no key, 402, 422)', () => {
    expect(chargeText(job({ status: 'failed', error: { code: 'KEY_MISSING', message: 'x' } }))).toEqual({
      text: 'not charged',
      kind: 'not-charged',
    });
  });

  it('shows the estimate only while the job is still to be sent', () => {
    expect(chargeText(job({ status: 'queued' })).text).toBe('~3 cr');
  });

  it('says what BFL charged for an accepted job, even when it later failed or was moderated', () => {
    expect(chargeText(job({ status: 'moderated', taskId: 't', cost: 3 })).text).toBe('3 cr charged');
    expect(chargeText(job({ status: 'done', taskId: 't', cost: 3 })).text).toBe('3 cr');
  });

  it('says "possibly charged" when the submit’s outcome is unknown, and "cost unknown" when BFL gave none', () => {
    expect(chargeText(job({ status: 'unknown' })).text).toBe('possibly charged (~3 cr)');
    expect(chargeText(job({ status: 'done', taskId: 't', cost: null })).kind).toBe('cost-unknown');
  });
});
