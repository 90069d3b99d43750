/**
 * One system notification when a batch finishes while the window is in the background — once
 * per batch, never per image. It listens to the core's `jobs:changed` events and, when a job of a
 * batch settles, asks the core for the whole batch to see whether anything is still running.
 */
import type { EventChannel } from '../shared/api';
import type { Job } from '../shared/types';
import { isFinal as isFinalStatus } from '../shared/job-states';

export interface BatchNotice {
  title: string;
  body: string;
}

export interface BatchNotifierDeps {
  subscribe: (listener: (channel: EventChannel, payload: unknown) => void) => () => void;
  /** Recent jobs from the core (enough to hold any batch still in the queue). */
  listJobs: () => Promise<Job[]>;
  isWindowInBackground: () => boolean;
  notify: (notice: BatchNotice) => void;
  /** Jobs of one batch settle together; wait this long so one check covers them. */
  settleDelayMs?: number;
}

const isFinal = (job: Job) => isFinalStatus(job.status);

function clip(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** "4 images ready" / "3 of 4 images ready, 1 failed", with the prompt (or the first failure) below. */
export function summarizeBatch(jobs: readonly Job[]): BatchNotice {
  const done = jobs.filter((j) => j.status === 'done').length;
  const notDone = jobs.filter((j) => j.status !== 'done');
  const cancelled = notDone.filter((j) => j.status === 'cancelled').length;
  const failed = notDone.length - cancelled;
  const noun = (n: number) => (n === 1 ? 'image' : 'images');
  let title: string;
  if (done === jobs.length) title = `${done} ${noun(done)} ready`;
  else if (done === 0) title = failed > 0 ? `Batch failed (${jobs.length} ${noun(jobs.length)})` : 'Batch cancelled';
  else title = `${done} of ${jobs.length} ${noun(jobs.length)} ready`;
  const extras = [
    failed > 0 && done > 0 ? `${failed} failed` : '',
    cancelled > 0 && done > 0 ? `${cancelled} cancelled` : '',
  ].filter(Boolean);
  if (extras.length > 0) title += `, ${extras.join(', ')}`;
  const firstError = notDone.find((j) => j.error)?.error?.message;
  const prompt = jobs[0]?.request.prompt ?? '';
  const body = failed > 0 && firstError ? clip(firstError, 120) : clip(prompt) || 'Seedbank';
  return { title, body };
}

export function setupBatchNotifications(deps: BatchNotifierDeps): () => void {
  const settled = new Set<string>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const check = async (batchId: string) => {
    pending.delete(batchId);
    if (settled.has(batchId)) return;
    const batch = (await deps.listJobs()).filter((j) => j.batchId === batchId);
    if (batch.length === 0 || !batch.every(isFinal)) return;
    settled.add(batchId);
    // A batch that finishes while the person is looking needs no notification; it is still settled.
    if (deps.isWindowInBackground()) deps.notify(summarizeBatch(batch));
  };

  const unsubscribe = deps.subscribe((channel, payload) => {
    if (channel !== 'jobs:changed') return;
    const job = payload as Job;
    if (!isFinal(job) || settled.has(job.batchId)) return;
    const previous = pending.get(job.batchId);
    if (previous) clearTimeout(previous);
    pending.set(
      job.batchId,
      setTimeout(() => {
        check(job.batchId).catch(() => {
          // Missing a notification is better than crashing main over it.
        });
      }, deps.settleDelayMs ?? 250),
    );
  });

  return () => {
    unsubscribe();
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  };
}

/** The part of Electron's Notification class used here. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}
export interface NotificationClass {
  new (options: { title: string; body: string }): NotificationLike;
  isSupported(): boolean;
}

/** Shows a notice as a system notification; clicking it brings the window back. */
export function systemNotifier(Notification: NotificationClass, onClick: () => void): (notice: BatchNotice) => void {
  return (notice) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body });
    notification.on('click', onClick);
    notification.show();
  };
}
