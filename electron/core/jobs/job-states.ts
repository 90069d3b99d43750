/**
 * The job state machine. Every change of status goes through `canMove`, and the store applies
 * it as a compare-and-set on the status the worker last saw, so a cancel from another window or
 * process is never overwritten by a poll that was already in flight.
 */
import type { JobStatus } from '../../../shared/types';

const MOVES: Record<JobStatus, readonly JobStatus[]> = {
  queued: ['submitting', 'cancelled'],
  // Back to `queued` only when the request provably never reached BFL (refused, DNS, 429/503).
  submitting: ['polling', 'queued', 'failed', 'unknown', 'cancelled'],
  polling: ['downloading', 'failed', 'moderated', 'expired', 'cancelled'],
  // A result that is ready is paid for: downloading cannot be cancelled, only finish or expire.
  downloading: ['done', 'expired'],
  done: [],
  failed: [],
  moderated: [],
  cancelled: [],
  expired: [],
  // Never re-sent automatically; a person dismisses it (cancel) or re-sends it as a new job (retry).
  unknown: ['cancelled'],
};

export function canMove(from: JobStatus, to: JobStatus): boolean {
  return MOVES[from].includes(to);
}

/** States from which `to` may be reached. */
export function sourcesOf(to: JobStatus): JobStatus[] {
  return (Object.keys(MOVES) as JobStatus[]).filter((from) => MOVES[from].includes(to));
}

export function isFinal(status: JobStatus): boolean {
  return MOVES[status].length === 0 || status === 'unknown';
}

/** States in which the runner has work to do. */
export const WORKING_STATES: readonly JobStatus[] = ['queued', 'submitting', 'polling', 'downloading'];
