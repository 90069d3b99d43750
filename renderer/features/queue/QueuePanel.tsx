/** The live queue: every job, newest first (a batch as one row), updated by `jobs:changed`. */
import { ACTIVE_JOB_STATUSES } from '../../../shared/job-states';
import { useJobsStore } from '../../state/jobs-store';
import { groupBatches } from './batches';
import { BatchRow } from './BatchRow';
import { useNow } from '../../ui/elapsed';
import { JobRow } from './JobRow';

export function QueuePanel() {
  const jobs = useJobsStore((s) => s.jobs);
  const clearFinished = useJobsStore((s) => s.clearFinished);
  const activeCount = jobs.filter((j) => ACTIVE_JOB_STATUSES.includes(j.status)).length;
  const now = useNow(activeCount > 0);
  return (
    <section className="queue" aria-label="Queue">
      <header className="panel-head">
        <h2>Queue {activeCount > 0 && <span className="value">{activeCount} running</span>}</h2>
        {jobs.length > activeCount && (
          <button type="button" className="small ghost" onClick={() => void clearFinished()}>
            Clear finished
          </button>
        )}
      </header>
      {jobs.length === 0 ? (
        <p className="hint empty">Nothing queued. Jobs appear here as soon as you press Generate.</p>
      ) : (
        <ul className="job-list">
          {groupBatches(jobs).map((batch) =>
            batch.jobs.length === 1 && batch.jobs[0] ? (
              <JobRow key={batch.jobs[0].id} job={batch.jobs[0]} now={now} />
            ) : (
              <BatchRow key={batch.id} batch={batch} now={now} />
            ),
          )}
        </ul>
      )}
    </section>
  );
}
