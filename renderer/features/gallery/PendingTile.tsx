/** A running job's place in the grid: where its image will land, with its state and elapsed time. */
import type { Job } from '../../../shared/types';
import { elapsedSeconds, formatElapsed } from '../../ui/elapsed';

const STATE: Partial<Record<Job['status'], string>> = {
  queued: 'Queued',
  submitting: 'Sending',
  polling: 'Generating',
  downloading: 'Downloading',
};

export function PendingTile({ job, width, height, now }: { job: Job; width: number; height: number; now: number }) {
  return (
    <div
      className="thumb pending"
      style={{ width, height }}
      role="gridcell"
      data-job-id={job.id}
      aria-label={`${STATE[job.status] ?? job.status}: ${job.request.prompt}`}
      title={job.request.prompt}
    >
      <span className="pending-state">{STATE[job.status] ?? job.status}</span>
      <span className="pending-time">{formatElapsed(elapsedSeconds(job, now))}</span>
      {job.progress !== null && (
        <span className="pending-bar" style={{ width: `${Math.round(job.progress * 100)}%` }} aria-hidden="true" />
      )}
    </div>
  );
}
