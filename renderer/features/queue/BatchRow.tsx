/**
 * A batch (one Generate with Count > 1) as one row: the prompt, how many are done, one progress
 * bar, and the jobs themselves behind an expand button — each with its own state, seed and cost.
 */
import { useState } from 'react';
import { batchProgress, type Batch } from './batches';
import { JobRow } from './JobRow';

export function BatchRow({ batch, now }: { batch: Batch; now: number }) {
  const [open, setOpen] = useState(false);
  const first = batch.jobs[0];
  if (!first) return null;
  const total = batch.jobs.length;
  const summary = [
    `${batch.done} of ${total} done`,
    batch.active > 0 ? `${batch.active} running` : null,
    batch.stopped > 0 ? `${batch.stopped} stopped` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const listId = `batch-${batch.id}`;
  return (
    <li className="job batch" data-batch={batch.id} aria-label={`Batch of ${total}: ${first.request.prompt}`}>
      <div className="job-head">
        <span className="badge">{total} images</span>
        <span className="job-prompt" title={first.request.prompt}>
          {first.request.prompt || '(no prompt)'}
        </span>
      </div>
      <div className="job-meta hint">
        <span data-testid="batch-summary">{summary}</span>
        <button
          type="button"
          className="small ghost"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide jobs' : 'Show jobs'}
        </button>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Batch progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(batchProgress(batch) * 100)}
      >
        <div className="bar" style={{ width: `${Math.round(batchProgress(batch) * 100)}%` }} />
      </div>
      {open && (
        <ul className="job-list batch-jobs" id={listId}>
          {batch.jobs.map((job) => (
            <JobRow key={job.id} job={job} now={now} />
          ))}
        </ul>
      )}
    </li>
  );
}
