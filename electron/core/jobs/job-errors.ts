/**
 * The words a person reads when a job stops. Each message says what happened and what to do,
 * and whether credits may have been spent — the one thing people most need to know.
 */
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';

const info = (code: ErrorCode, message: string): ErrorInfo => ({ code, message });

/** The next step for a paused job: it goes on by itself, or a person says when the cause is fixed. */
const RESUME_HINT = 'It resumes by itself once the cause is gone; or press Resume (`seedbank resume`) when fixed.';

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/** The next step for a result that is lost (the job keeps every parameter it was sent with). */
const MAKE_AGAIN = 'To get it, generate it again with the same parameters.';

export const jobErrors = {
  cancelled: (accepted: boolean) =>
    info(
      'CANCELLED',
      accepted
        ? 'Cancelled. BFL had already accepted the task, so its credits may already be spent.'
        : 'Cancelled before it was sent; no credits were spent.',
    ),
  unknownOutcome: (detail: string) =>
    info(
      'NETWORK',
      `The connection was lost after the request was sent (${detail}), so BFL may have accepted and billed it. ` +
        'Seedbank does not re-send it on its own: retry it only if you accept possibly paying twice.',
    ),
  interruptedSubmit: () =>
    info(
      'NETWORK',
      'Seedbank stopped while this request was being sent, so BFL may have accepted and billed it. ' +
        'It is not re-sent on its own: retry it only if you accept possibly paying twice.',
    ),
  moderated: (which: 'request' | 'content', reasons: string[]) =>
    info(
      'MODERATED',
      `${which === 'request' ? 'BFL refused the request (input moderated)' : 'BFL refused the result (output moderated)'}` +
        `${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}. Change the prompt or reference images and try again.`,
    ),
  taskFailed: (status: string, detail: string | null) =>
    info('INTERNAL', `BFL reported "${status}" for this task${detail ? `: ${detail}` : ''}. Try again later.`),
  // An expired task was accepted, so it may be billed; the one thing left to do is to make it again.
  taskNotFound: () =>
    info(
      'NOT_FOUND',
      'BFL no longer knows this task ("Task not found"), so its result cannot be fetched. ' +
        `Its credits may already be spent. ${MAKE_AGAIN}`,
    ),
  sampleExpired: () =>
    info(
      'NOT_FOUND',
      `The result could not be downloaded within the 10 minutes BFL keeps it, and it is gone. ${MAKE_AGAIN}`,
    ),
  deliveryBroken: () =>
    info(
      'NETWORK',
      'The result never arrived whole (every download ended early or was damaged, also from a fresh address ' +
        `BFL gave), so it is lost. Its credits may already be spent. ${MAKE_AGAIN}`,
    ),
  pollDeadline: (minutes: number) =>
    info(
      'NETWORK',
      `BFL did not finish this task within ${minutes} minutes; its result can no longer be fetched. ${MAKE_AGAIN}`,
    ),
  inputMissing: (hash: string) =>
    info('INVALID_INPUT', `Reference image ${hash.slice(0, 12)}… is no longer in the library; add it again.`),
  pollPaused: (code: ErrorCode, message: string) =>
    info(code, `${message} BFL accepted this task, so it is kept. ${RESUME_HINT}`),
  diskFull: (bytesNeeded: number, folder: string) =>
    info(
      'INTERNAL',
      `The disk is full: about ${formatBytes(bytesNeeded)} more is needed in ${folder} to keep this paid image. ${RESUME_HINT}`,
    ),
  notKept: (message: string) =>
    info('INTERNAL', `The paid image was downloaded but could not be kept yet (${message}). ${RESUME_HINT}`),
  workerCrashed: (message: string) =>
    info('INTERNAL', `Seedbank hit an internal error while working on this job (${message}). ${RESUME_HINT}`),
};

/** A short readable form of `details` for failures. */
export function describeDetails(details: Record<string, unknown> | null | undefined): string | null {
  if (!details || Object.keys(details).length === 0) return null;
  const text = JSON.stringify(details);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
