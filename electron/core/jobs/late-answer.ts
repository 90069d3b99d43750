/**
 * An accepted submit answer for a job its sender no longer holds: while the POST was in flight,
 * another process took the lease over (the sender looked dead or stalled) and marked the job
 * `unknown`, or a person cancelled it. The task exists at BFL and is billed, so its id and cost
 * are recorded either way, and a job still waiting for the answer (`submitting`, `unknown`) goes
 * on to `polling`, so its result is fetched instead of the paid task being forgotten.
 */
import type { CoreContext } from '../context';
import type { JobRow } from './job-row';
import type { JobPatch, JobStore } from './job-store';

export function recordLateAnswer(
  d: { store: JobStore; ctx: Pick<CoreContext, 'logger'> },
  id: string,
  fields: JobPatch & { task_id: string; cost: number | null },
  iso: string,
): JobRow | null {
  const row = d.store.get(id);
  if (!row || row.task_id) return row;
  d.ctx.logger.warn('accepted answer arrived for a job another process took over', { job: id, status: row.status });
  if (row.status === 'submitting' || row.status === 'unknown') {
    const cleared = { error_code: null, error_message: null, finished_at: null };
    return d.store.move<'submitting' | 'unknown'>(id, row.status, 'polling', { ...fields, ...cleared }, iso);
  }
  // Cancelled while the submit was in flight: keep the task id so the record says it was accepted.
  return d.store.patch(id, row.status, { task_id: fields.task_id, cost: fields.cost }, iso);
}
