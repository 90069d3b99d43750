import { describe, expect, it } from 'vitest';
import { FINAL_JOB_STATUSES, type JobStatus } from '../../../shared/job-states';
import type { ErrorInfo } from '../../../shared/errors';
import { jobErrors } from './job-errors';

/** Every reason the runner gives a job that stops without an image, by the state it ends in. */
const ENDINGS: [JobStatus, string, ErrorInfo][] = [
  ['failed', 'BFL reports Error', jobErrors.taskFailed('Error', null)],
  ['failed', 'a reference image is gone', jobErrors.inputMissing('ab'.repeat(32))],
  ['moderated', 'input moderated', jobErrors.moderated('request', ['Derivative Works Filter'])],
  ['moderated', 'output moderated', jobErrors.moderated('content', [])],
  ['cancelled', 'cancelled after acceptance', jobErrors.cancelled(true)],
  ['cancelled', 'cancelled before sending', jobErrors.cancelled(false)],
  ['expired', 'Task not found', jobErrors.taskNotFound()],
  ['expired', 'sample URL dead', jobErrors.sampleExpired()],
  ['expired', 'every delivery short', jobErrors.deliveryBroken()],
  ['expired', 'polling deadline', jobErrors.pollDeadline(30)],
  ['unknown', 'connection lost after sending', jobErrors.unknownOutcome('socket hang up')],
  ['unknown', 'quit while sending', jobErrors.interruptedSubmit()],
];

/** What a person can do next, or what the cancel they asked for cost them. */
const NEXT_STEP = /try again|retry|generate it again|change the prompt|add it again|credits/i;

describe('why a job stopped, in words a person can act on', () => {
  it('has a reason for every state a job can end in without an image', () => {
    const covered = new Set(ENDINGS.map(([status]) => status));
    expect([...covered].sort()).toEqual(FINAL_JOB_STATUSES.filter((s) => s !== 'done').sort());
  });

  it.each(ENDINGS)('%s (%s) says what happened and what to do next', (_status, _case, error) => {
    expect(error.message.length).toBeGreaterThan(30);
    expect(error.message).toMatch(NEXT_STEP);
    expect(error.message).toMatch(/[.]$/);
  });

  it('says credits may be spent wherever BFL had accepted the task', () => {
    for (const error of [
      jobErrors.cancelled(true),
      jobErrors.taskNotFound(),
      jobErrors.unknownOutcome('timeout'),
      jobErrors.interruptedSubmit(),
    ]) {
      expect(error.message).toMatch(/may (already be spent|have accepted and billed)|paying twice/);
    }
    expect(jobErrors.cancelled(false).message).toMatch(/no credits were spent/);
  });

  it('tells a paused job how it goes on: by itself, or Resume / `seedbank resume` when fixed', () => {
    for (const error of [
      jobErrors.pollPaused('KEY_MISSING', 'No BFL API key is set.'),
      jobErrors.diskFull(1_500_000, '/data/seedbank'),
      jobErrors.notKept('the library is read-only'),
      jobErrors.workerCrashed('boom'),
    ]) {
      expect(error.message).toMatch(/resumes by itself once the cause is gone; or press Resume \(`seedbank resume`\)/);
    }
    expect(jobErrors.diskFull(1_500_000, '/data/seedbank').message).toMatch(
      /about 1\.4 MB more is needed in \/data\/seedbank/,
    );
  });

  it('tells how to get a lost result back: generate it again', () => {
    for (const error of [
      jobErrors.taskNotFound(),
      jobErrors.sampleExpired(),
      jobErrors.deliveryBroken(),
      jobErrors.pollDeadline(30),
    ]) {
      expect(error.message).toMatch(/generate it again with the same parameters/);
    }
  });
});
