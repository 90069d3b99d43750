/**
 * What a queue row says about money. A job BFL never accepted was not charged; an accepted one
 * was, whatever happened after (refunds are never assumed); one whose submit outcome is unknown
 * may have been. The estimate ("~3 cr") is only shown while the job is still to be sent.
 */
import type { Job } from '../../../shared/types';
import { formatCredits } from '../../ui/format';

export interface ChargeText {
  text: string;
  /** For the row's styling and for tests. */
  kind: 'estimate' | 'charged' | 'cost-unknown' | 'not-charged' | 'possibly-charged';
}

export function chargeText(job: Job): ChargeText {
  if (job.taskId !== null) {
    if (job.cost === null) return { text: 'charged, cost unknown', kind: 'cost-unknown' };
    const final = job.status !== 'polling' && job.status !== 'downloading' && job.status !== 'done';
    return { text: `${formatCredits(job.cost)} cr${final ? ' charged' : ''}`, kind: 'charged' };
  }
  const estimate = job.estimatedCost === null ? '' : ` (~${formatCredits(job.estimatedCost)} cr)`;
  switch (job.status) {
    case 'queued':
    case 'submitting':
      return { text: job.estimatedCost === null ? '—' : `~${formatCredits(job.estimatedCost)} cr`, kind: 'estimate' };
    case 'unknown':
      return { text: `possibly charged${estimate}`, kind: 'possibly-charged' };
    default:
      // failed / cancelled (and any other end) before BFL accepted the request.
      return { text: 'not charged', kind: 'not-charged' };
  }
}
