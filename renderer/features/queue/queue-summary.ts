/**
 * The collapsed queue's one line: what is under way and what waits for the person, counted by the
 * job-state table (shared/job-states.ts), e.g. "2 running · 3 queued · 1 paused · 1 failed".
 */
import { ACTIVE_JOB_STATUSES } from '../../../shared/job-states';
import type { Job } from '../../../shared/types';

export function queueSummary(jobs: readonly Job[]): string {
  const count = (test: (job: Job) => boolean) => jobs.filter(test).length;
  const queued = count((j) => j.status === 'queued');
  const running = count((j) => ACTIVE_JOB_STATUSES.includes(j.status)) - queued;
  const paused = count((j) => j.status === 'paused');
  const unknown = count((j) => j.status === 'unknown');
  // Stopped without an image, until cleared: a folded queue must not hide that something went wrong.
  const failed = count((j) => j.status === 'failed' || j.status === 'moderated' || j.status === 'expired');
  const parts = [
    running > 0 ? `${running} running` : null,
    queued > 0 ? `${queued} queued` : null,
    paused > 0 ? `${paused} paused` : null,
    unknown > 0 ? `${unknown} outcome unknown` : null,
    failed > 0 ? `${failed} failed` : null,
  ].filter((part): part is string => part !== null);
  if (parts.length > 0) return parts.join(' · ');
  return jobs.length > 0 ? 'Nothing running' : 'Nothing queued';
}
