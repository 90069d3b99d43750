import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../shared/errors';
import type { Job, JobStatus } from '../../shared/types';
import { combineExitCodes, EXIT, exitCodeForError, exitCodeForJob, type ExitCode } from './exit-codes';

function job(status: JobStatus, error: ErrorInfo | null = null): Job {
  return { status, error } as Job;
}

describe('exit codes', () => {
  it('with mixed outcomes gives the first of 6, 3, 4, 2, 5, 1 that occurred, and 0 only when all are 0', () => {
    const order: ExitCode[] = [EXIT.paused, EXIT.key, EXIT.credits, EXIT.invalid, EXIT.moderated, EXIT.other];
    // Take away the winner each time: the next one in the order wins, whatever the input order.
    for (let i = 0; i < order.length; i++) {
      const present = order.slice(i);
      expect(combineExitCodes([...present].reverse().concat(EXIT.ok)), present.join(',')).toBe(order[i]);
    }
    expect(combineExitCodes([EXIT.ok, EXIT.ok])).toBe(EXIT.ok);
    expect(combineExitCodes([])).toBe(EXIT.ok);
  });

  it('maps each contract error code to the code a script can branch on', () => {
    expect(exitCodeForError('KEY_MISSING')).toBe(3);
    expect(exitCodeForError('KEY_REJECTED')).toBe(3);
    expect(exitCodeForError('OUT_OF_CREDITS')).toBe(4);
    expect(exitCodeForError('INVALID_INPUT')).toBe(2);
    expect(exitCodeForError('MODERATED')).toBe(5);
    for (const code of ['NETWORK', 'RATE_LIMITED', 'INTERNAL', 'CANCELLED'] as const) {
      expect(exitCodeForError(code), code).toBe(1);
    }
  });

  it('maps each way a job ends: a 422 is 2, a task BFL lost is 1, not "invalid input"', () => {
    expect(exitCodeForJob(job('done'))).toBe(0);
    expect(exitCodeForJob(job('moderated', { code: 'MODERATED', message: 'm' }))).toBe(5);
    expect(exitCodeForJob(job('failed', { code: 'INVALID_INPUT', message: 'HTTP 422' }))).toBe(2);
    expect(exitCodeForJob(job('failed', { code: 'KEY_REJECTED', message: 'HTTP 403' }))).toBe(3);
    expect(exitCodeForJob(job('failed', { code: 'OUT_OF_CREDITS', message: 'HTTP 402' }))).toBe(4);
    expect(exitCodeForJob(job('failed', { code: 'NOT_FOUND', message: 'HTTP 404' }))).toBe(1);
    // Paid work waits for `seedbank resume`: a script must not generate again (it would pay twice).
    expect(exitCodeForJob(job('paused', { code: 'KEY_MISSING', message: 'no key' }))).toBe(6);
    for (const status of ['expired', 'cancelled', 'unknown'] as const) {
      expect(exitCodeForJob(job(status, { code: 'NOT_FOUND', message: 'gone' })), status).toBe(1);
    }
  });
});
