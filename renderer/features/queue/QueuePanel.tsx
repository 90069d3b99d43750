/**
 * The live queue: every job, newest first (a batch as one row), updated by `jobs:changed`. Its
 * header folds it to one summary line (remembered), so on a laptop screen the composer above gets
 * the column's height.
 */
import { useState } from 'react';
import { ACTIVE_JOB_STATUSES } from '../../../shared/job-states';
import { useJobsStore } from '../../state/jobs-store';
import { loadFlag, saveFlag } from '../../state/ui-prefs';
import { groupBatches } from './batches';
import { BatchRow } from './BatchRow';
import { useNow } from '../../ui/elapsed';
import { JobRow } from './JobRow';
import { queueSummary } from './queue-summary';

export function QueuePanel() {
  const jobs = useJobsStore((s) => s.jobs);
  const clearFinished = useJobsStore((s) => s.clearFinished);
  const [collapsed, setCollapsed] = useState(() => loadFlag('queueCollapsed'));
  const activeCount = jobs.filter((j) => ACTIVE_JOB_STATUSES.includes(j.status)).length;
  const now = useNow(activeCount > 0 && !collapsed);
  const toggle = () => {
    saveFlag('queueCollapsed', !collapsed);
    setCollapsed(!collapsed);
  };
  return (
    <section className={collapsed ? 'queue collapsed' : 'queue'} aria-label="Queue">
      <header className="panel-head">
        <h2>
          <button
            type="button"
            className="queue-toggle"
            aria-expanded={!collapsed}
            aria-controls="queue-body"
            onClick={toggle}
          >
            <span className="chevron" aria-hidden="true" />
            Queue
          </button>{' '}
          {!collapsed && activeCount > 0 && <span className="value">{activeCount} running</span>}
        </h2>
        {collapsed ? (
          <span className="hint queue-summary" data-testid="queue-summary" aria-live="polite">
            {queueSummary(jobs)}
          </span>
        ) : (
          jobs.length > activeCount && (
            <button type="button" className="small ghost" onClick={() => void clearFinished()}>
              Clear finished
            </button>
          )
        )}
      </header>
      <div id="queue-body" hidden={collapsed}>
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
      </div>
    </section>
  );
}
