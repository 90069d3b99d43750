/**
 * One poll of a task's `polling_url` (always the URL BFL returned: it names the cluster holding
 * the task), classified. Statuses this code does not know are "still running" — the BFL client
 * already maps them to `pending` — and the runner's deadline bounds them.
 */
import type { ErrorInfo } from '../../../shared/errors';
import { BflError, moderationReasons, type BflClient } from '../bfl';
import { describeDetails, jobErrors } from './job-errors';

export type PollOutcome =
  | { kind: 'running'; progress: number | null; retryAfterMs: number | null }
  | { kind: 'ready'; sample: string; seed: number | null; prompt: string | null; result: Record<string, unknown> }
  | { kind: 'moderated'; error: ErrorInfo }
  | { kind: 'failed'; error: ErrorInfo }
  | { kind: 'expired'; error: ErrorInfo }
  /**
   * Trouble on our side after BFL accepted (and billed) the task: no key (keychain locked),
   * key refused, a redirect or an answer we will not follow. The task is still BFL's to finish,
   * so the job pauses rather than fails, and resumes when the cause is gone.
   */
  | { kind: 'pause'; error: ErrorInfo }
  /** The poll itself did not get through (network, 429, 5xx, broken answer): try again later. */
  | { kind: 'retry'; error: ErrorInfo; retryAfterMs: number | null; offline: boolean };

export async function pollTask(client: BflClient, pollingUrl: string): Promise<PollOutcome> {
  let answer: Awaited<ReturnType<BflClient['poll']>>;
  try {
    answer = await client.poll(pollingUrl);
  } catch (err) {
    if (err instanceof BflError) {
      // A refused key or an answer we must not follow will not get better by polling again soon.
      if (!err.retryable) return { kind: 'pause', error: jobErrors.pollPaused(err.code, err.message) };
      const offline = err.sent === 'no';
      return { kind: 'retry', error: err.toInfo(), retryAfterMs: err.retryAfterMs, offline };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { kind: 'retry', error: { code: 'NETWORK', message }, retryAfterMs: null, offline: false };
  }
  const details = (answer.details ?? null) as Record<string, unknown> | null;
  switch (answer.state) {
    case 'pending':
      return { kind: 'running', progress: answer.progress ?? null, retryAfterMs: answer.retryAfterMs ?? null };
    case 'ready':
      if (!answer.sample)
        return { kind: 'failed', error: jobErrors.taskFailed(answer.status, 'the answer carried no image URL') };
      return {
        kind: 'ready',
        sample: answer.sample,
        seed: answer.seed ?? null,
        prompt: answer.prompt ?? null,
        result: { status: answer.status, seed: answer.seed ?? null, prompt: answer.prompt ?? null, details },
      };
    case 'request-moderated':
      return { kind: 'moderated', error: jobErrors.moderated('request', moderationReasons(details)) };
    case 'content-moderated':
      return { kind: 'moderated', error: jobErrors.moderated('content', moderationReasons(details)) };
    case 'not-found':
      return { kind: 'expired', error: jobErrors.taskNotFound() };
    case 'error':
    case 'failed':
      return { kind: 'failed', error: jobErrors.taskFailed(answer.status, describeDetails(details)) };
  }
}
