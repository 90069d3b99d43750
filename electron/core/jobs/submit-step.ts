/**
 * One submit: build the body (the stored validated body + reference images as base64), POST it, and
 * classify what happened. The classification is the heart of "nothing is paid twice": a job goes
 * back to the queue only when BFL provably did not take it (refused connection, DNS failure, or
 * an answer of 429/503 from BFL itself); any doubt after sending makes it `unknown`, for a person to decide.
 */
import { imageFieldNames } from '../../../shared/models';
import { SeedbankError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { BflError, type BflClient } from '../bfl';
import { toBase64 } from '../bfl/input-image';
import type { Library } from '../library/library';
import { jobErrors } from './job-errors';
import { rowBody, rowInputs, type JobRow } from './job-row';

export type SubmitOutcome =
  | {
      kind: 'accepted';
      taskId: string;
      pollingUrl: string;
      cost: number | null;
      inputMp: number | null;
      outputMp: number | null;
    }
  /** Not taken by BFL: back to the queue. `rateLimited` for 429, `offline` when unreachable. */
  | { kind: 'requeue'; error: ErrorInfo; retryAfterMs: number | null; rateLimited: boolean; offline: boolean }
  | { kind: 'unknown'; error: ErrorInfo }
  | { kind: 'failed'; error: ErrorInfo };

type InputReader = Pick<Library, 'readInput'>;

/**
 * The JSON body BFL gets: the body validated when the request entered, plus each reference image
 * (read here, once) in its model's field.
 */
export async function buildSubmitBody(row: JobRow, library: InputReader): Promise<Record<string, unknown>> {
  const hashes = rowInputs(row);
  const body: Record<string, unknown> = { ...rowBody(row) };
  const fields = imageFieldNames(row.model, hashes.length);
  for (const [i, hash] of hashes.entries()) {
    let input: Awaited<ReturnType<InputReader['readInput']>>;
    try {
      input = await library.readInput(hash);
    } catch {
      throw new SeedbankError('INVALID_INPUT', jobErrors.inputMissing(hash).message, 'inputs');
    }
    const field = fields[i];
    if (field) body[field] = toBase64(input.bytes);
  }
  return body;
}

export function classifySubmitError(err: unknown): SubmitOutcome {
  if (!(err instanceof BflError)) {
    // Something broke between sending and reading the answer: the task may exist.
    return { kind: 'unknown', error: jobErrors.unknownOutcome(err instanceof Error ? err.message : String(err)) };
  }
  const status = err.httpStatus;
  // Only BFL's own refusal proves nothing was started (a proxy's 503 is `sent: 'maybe'`).
  if ((status === 429 || status === 503) && err.sent === 'no') {
    return {
      kind: 'requeue',
      error: err.toInfo(),
      retryAfterMs: err.retryAfterMs,
      rateLimited: status === 429,
      offline: false,
    };
  }
  if (err.sent === 'maybe') return { kind: 'unknown', error: jobErrors.unknownOutcome(err.message) };
  if (err.sent === 'no' && err.code === 'NETWORK') {
    return { kind: 'requeue', error: err.toInfo(), retryAfterMs: err.retryAfterMs, rateLimited: false, offline: true };
  }
  // BFL answered with a final refusal (400/402/403/404/422), or we refused to send (no key).
  return { kind: 'failed', error: err.toInfo() };
}

export async function submitJob(row: JobRow, client: BflClient, library: InputReader): Promise<SubmitOutcome> {
  let body: Record<string, unknown>;
  try {
    body = await buildSubmitBody(row, library);
  } catch (err) {
    return { kind: 'failed', error: toErrorInfo(err) };
  }
  try {
    const answer = await client.submit(row.model, body);
    return {
      kind: 'accepted',
      taskId: answer.id,
      pollingUrl: answer.pollingUrl,
      cost: answer.cost ?? null,
      inputMp: answer.inputMp ?? null,
      outputMp: answer.outputMp ?? null,
    };
  } catch (err) {
    return classifySubmitError(err);
  }
}
