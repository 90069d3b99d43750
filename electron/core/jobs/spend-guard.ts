/**
 * The spend guard: which submissions need a person's yes before money is spent. It lives here,
 * in the core, so the studio, the browser host and the CLI all meet the same rule; a front door
 * asks the person and re-sends with `confirmed: true` (the CLI's `--yes`).
 *
 * - the estimate is over the cost-confirmation threshold (Settings; 0 turns the question off);
 * - the estimate is unknown while a threshold is set (the price table does not know the cost);
 * - the batch is identical requests: same model, prompt, parameters and a fixed seed, count > 1 —
 *   each is paid for and all give the same image. Without a seed BFL draws one per request.
 */
import { SeedbankError } from '../../../shared/errors';
import type { PlannedJob } from './submission';

export interface Confirmation {
  message: string;
  /** The control that resolves it: `seedMode` for an identical batch. */
  field?: string;
}

const credits = (n: number) => `${Math.round(n * 1000) / 1000} credits`;

function identicalBatch(jobs: readonly PlannedJob[]): boolean {
  const first = jobs[0];
  if (!first || jobs.length < 2 || typeof first.body.seed !== 'number') return false;
  // node:util is fetched here, not imported: loading it loads worker_threads and more (~4 ms at
  // every start of a CLI command that never submits; docs/performance.md).
  const { isDeepStrictEqual } = process.getBuiltinModule('node:util');
  return jobs.every((job) => isDeepStrictEqual(job.body, first.body));
}

export function confirmationNeeded(jobs: readonly PlannedJob[], threshold: number): Confirmation | null {
  const reasons: string[] = [];
  const identical = identicalBatch(jobs);
  if (identical) {
    reasons.push(
      `${jobs.length} identical requests (same model, prompt, parameters and seed ${String(jobs[0]?.body.seed)}) would each be paid for and give the same image`,
    );
  }
  if (threshold > 0) {
    const unknown = jobs.some((job) => job.estimatedCost === null);
    const total = jobs.reduce((sum, job) => sum + (job.estimatedCost ?? 0), 0);
    if (unknown) reasons.push(`the cost is not known in advance and a threshold of ${credits(threshold)} is set`);
    else if (total > threshold)
      reasons.push(`the estimate of ${credits(total)} is over your confirmation threshold of ${credits(threshold)}`);
  }
  if (reasons.length === 0) return null;
  const message = `Confirm before sending: ${reasons.join('; and ')}.`;
  return identical ? { message, field: 'seedMode' } : { message };
}

/** Throws CONFIRM_REQUIRED unless the submission needs no yes or already has one. */
export function guardSpend(jobs: readonly PlannedJob[], threshold: number, confirmed: boolean): void {
  if (confirmed) return;
  const needed = confirmationNeeded(jobs, threshold);
  if (needed) throw new SeedbankError('CONFIRM_REQUIRED', needed.message, needed.field);
}
