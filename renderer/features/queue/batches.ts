/**
 * The queue's rows: jobs sent together (one Generate with Count > 1) share a batch id and show as
 * one row with a count and a progress bar; a batch of one is just its job.
 */
import { ACTIVE_JOB_STATUSES } from '../../../shared/job-states';
import type { Job, JobStatus } from '../../../shared/types';

export interface Batch {
  id: string;
  /** Oldest first: the order they were sent in. */
  jobs: Job[];
  done: number;
  active: number;
  /** Jobs that stopped without an image (failed, moderated, cancelled, expired, unknown). */
  stopped: number;
}

/** Batches in the order of their newest job (the queue is newest first). */
export function groupBatches(jobs: readonly Job[]): Batch[] {
  const byId = new Map<string, Job[]>();
  const order: string[] = [];
  for (const job of jobs) {
    const list = byId.get(job.batchId);
    if (list) list.push(job);
    else {
      byId.set(job.batchId, [job]);
      order.push(job.batchId);
    }
  }
  return order.map((id) => {
    const batchJobs = [...(byId.get(id) ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const count = (statuses: readonly JobStatus[]) => batchJobs.filter((j) => statuses.includes(j.status)).length;
    const done = count(['done']);
    const active = count(ACTIVE_JOB_STATUSES);
    return { id, jobs: batchJobs, done, active, stopped: batchJobs.length - done - active };
  });
}

/** 0..1: finished jobs count whole, running ones by the progress BFL reports. */
export function batchProgress(batch: Batch): number {
  if (batch.jobs.length === 0) return 0;
  const sum = batch.jobs.reduce((acc, j) => acc + (ACTIVE_JOB_STATUSES.includes(j.status) ? (j.progress ?? 0) : 1), 0);
  return sum / batch.jobs.length;
}

/** The seed a job was sent with, when it was fixed (random seeds are chosen by BFL). */
export function jobSeed(job: Job): number | null {
  const seed = job.request.params.seed;
  return typeof seed === 'number' && Number.isInteger(seed) ? seed : null;
}
