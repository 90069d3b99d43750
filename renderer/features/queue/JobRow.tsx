/** One job: state, progress, elapsed time, cost, and what can be done with it. */
import { useState } from 'react';
import { ACTIVE_JOB_STATUSES, isCancellable, isPaused, isRetryable, jobStatusLabel } from '../../../shared/job-states';
import type { Job } from '../../../shared/types';
import { BFL_LINKS } from '../../../shared/bfl-links';
import { getModel } from '../../../shared/models';
import { useJobsStore } from '../../state/jobs-store';
import { useViewStore } from '../../state/view-store';
import { describeError, errorInfoOf } from '../../ui/error-text';
import { ExternalLink } from '../../ui/ExternalLink';
import { jobSeed } from './batches';
import { chargeText } from './charge-text';
import { editInComposer } from './edit-in-composer';
import { elapsedSeconds, formatElapsed } from '../../ui/elapsed';

export function JobRow({ job, now }: { job: Job; now: number }) {
  const cancel = useJobsStore((s) => s.cancel);
  const retry = useJobsStore((s) => s.retry);
  const openDetail = useViewStore((s) => s.openDetail);
  const showToast = useViewStore((s) => s.showToast);
  const [confirming, setConfirming] = useState(false);
  const resume = useJobsStore((s) => s.resume);
  const active = ACTIVE_JOB_STATUSES.includes(job.status);
  const paused = isPaused(job.status);
  const retryable = isRetryable(job.status);
  const label = jobStatusLabel(job.status);
  const charge = chargeText(job);
  const seed = jobSeed(job);
  const error = job.error ? describeError(job.error) : null;

  const run = (work: Promise<void>) =>
    work.catch((err: unknown) => {
      const info = errorInfoOf(err);
      showToast(describeError(info).title, info);
    });
  const onRetry = () => {
    // Sending the same prompt again would be moderated again: open it for editing instead.
    if (job.status === 'moderated') void run(editInComposer(job));
    else if (job.status === 'unknown' && !confirming) setConfirming(true);
    else {
      setConfirming(false);
      void run(retry(job.id, job.status === 'unknown'));
    }
  };

  return (
    <li className={`job job-${job.status}`} data-status={job.status} aria-label={`${label}: ${job.request.prompt}`}>
      <div className="job-head">
        <span className={`badge badge-${job.status}`}>{label}</span>
        <span className="job-prompt" title={job.request.prompt}>
          {job.request.prompt || '(no prompt)'}
        </span>
      </div>
      <div className="job-meta hint">
        <span>{getModel(job.request.model)?.label ?? job.request.model}</span>
        <span>{formatElapsed(elapsedSeconds(job, now))}</span>
        <span data-testid="job-seed">{seed === null ? 'random seed' : `seed ${seed}`}</span>
        <span className={`charge charge-${charge.kind}`} data-testid="job-charge">
          {charge.text}
        </span>
      </div>
      {active && (
        <div
          className="progress"
          role="progressbar"
          aria-label="Progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={job.progress === null ? undefined : Math.round(job.progress * 100)}
        >
          <div
            className={job.progress === null ? 'bar indeterminate' : 'bar'}
            style={{ width: `${Math.round((job.progress ?? 0.3) * 100)}%` }}
          />
        </div>
      )}
      {paused && (
        <p className="job-error job-paused" data-code={job.error?.code} role="status">
          <strong>{label} — </strong>
          {job.error?.message ?? 'waiting for the cause to go away'}
        </p>
      )}
      {error && !paused && job.status !== 'cancelled' && (
        <p className="job-error" data-code={job.error?.code}>
          <strong>{job.status === 'moderated' ? 'Moderation: ' : `${error.title}: `}</strong>
          {job.status === 'moderated' ? job.error?.message : error.detail}
          {error.action === 'credits' && (
            <>
              {' '}
              <ExternalLink href={BFL_LINKS.dashboard}>Open the BFL dashboard</ExternalLink>
            </>
          )}
        </p>
      )}
      {confirming && (
        <p className="job-confirm" role="alert">
          BFL may already have made this image; sending again can charge twice. Send again?
        </p>
      )}
      <div className="job-actions">
        {paused && (
          <button type="button" className="small" onClick={() => void run(resume(job.id))}>
            Resume
          </button>
        )}
        {(active || paused) && isCancellable(job.status) && (
          <button type="button" className="small" onClick={() => void run(cancel(job.id))}>
            Cancel
          </button>
        )}
        {retryable && (
          <button type="button" className="small" onClick={onRetry}>
            {confirming ? 'Send again' : job.status === 'moderated' ? 'Edit and retry' : 'Retry'}
          </button>
        )}
        {confirming && (
          <button type="button" className="small ghost" onClick={() => setConfirming(false)}>
            Keep
          </button>
        )}
        {job.generationId && (
          <button type="button" className="small" onClick={() => job.generationId && openDetail(job.generationId)}>
            Open
          </button>
        )}
      </div>
    </li>
  );
}
