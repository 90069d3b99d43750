/** Reading BFL's get_result answers: status words to states, and terminal failures to errors. */
import { BflError } from './errors';

export type PollState =
  'pending' | 'ready' | 'request-moderated' | 'content-moderated' | 'error' | 'failed' | 'not-found';

export interface PollAnswer {
  state: PollState;
  /** BFL's own status word, e.g. `Pending`, `Reasoning`, `Ready`. */
  status: string;
  progress: number | null;
  sample: string | null;
  seed: number | null;
  /** The prompt after BFL's upsampling (`result.prompt`). */
  prompt: string | null;
  details: unknown;
  retryAfterMs: number | null;
}

const STATES: Record<string, PollState> = {
  ready: 'ready',
  pending: 'pending',
  'request moderated': 'request-moderated',
  'content moderated': 'content-moderated',
  error: 'error',
  failed: 'failed',
  'task not found': 'not-found',
};

/** Every status BFL may add later (`Reasoning`, `Generating`, …) counts as still running. */
export function stateOf(status: string): PollState {
  return STATES[status.trim().toLowerCase()] ?? 'pending';
}

export function isTerminal(state: PollState): boolean {
  return state !== 'pending';
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function readPollBody(body: unknown, retryAfterMs: number | null): PollAnswer | null {
  const record = asRecord(body);
  if (!record || typeof record.status !== 'string') return null;
  const result = asRecord(record.result);
  const progress = typeof record.progress === 'number' && Number.isFinite(record.progress) ? record.progress : null;
  return {
    state: stateOf(record.status),
    status: record.status,
    progress,
    sample: typeof result?.sample === 'string' ? result.sample : null,
    seed: typeof result?.seed === 'number' ? result.seed : null,
    prompt: typeof result?.prompt === 'string' ? result.prompt : null,
    details: record.details ?? null,
    retryAfterMs,
  };
}

/** `details["Moderation Reasons"]` (⚠ not always present), as readable text. */
export function moderationReasons(details: unknown): string[] {
  const record = asRecord(details);
  const reasons = record?.['Moderation Reasons'] ?? record?.moderation_reasons;
  if (Array.isArray(reasons)) return reasons.map((r) => String(r)).filter((r) => r.trim() !== '');
  if (typeof reasons === 'string' && reasons.trim() !== '') return [reasons];
  return [];
}

/** The error a terminal failure means for the person, or null while pending or when ready. */
export function pollAnswerError(answer: PollAnswer): BflError | null {
  const final = { sent: 'yes' as const, retryable: false, httpStatus: 200 };
  const reasons = moderationReasons(answer.details);
  const why = reasons.length > 0 ? ` Reasons: ${reasons.join(', ')}.` : '';
  switch (answer.state) {
    case 'pending':
    case 'ready':
      return null;
    case 'request-moderated':
      return new BflError('MODERATED', `BFL's moderation refused the request (Request Moderated).${why}`, final);
    case 'content-moderated':
      return new BflError(
        'MODERATED',
        `BFL's moderation withheld the generated image (Content Moderated).${why}`,
        final,
      );
    case 'not-found':
      return new BflError(
        'NOT_FOUND',
        'BFL no longer knows this task (Task not found): it expired or never existed.',
        final,
      );
    case 'error':
    case 'failed':
      return new BflError('INTERNAL', `BFL could not generate the image (${answer.status}).`, final);
  }
}
