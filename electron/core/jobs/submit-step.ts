/**
 * One submit: build the body (validated request + reference images as base64), POST it, and
 * classify what happened. The classification is the heart of "nothing is paid twice": a job goes
 * back to the queue only when BFL provably did not take it (refused connection, DNS failure, or
 * an answer of 429/503 from BFL itself); any doubt after sending makes it `unknown`, for a person to decide.
 */
import { validateRequest, PIXELS_PER_MP } from '../../../shared/models';
import { SeedbankError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { BflError, type BflClient } from '../bfl';
import { toBase64 } from '../bfl/input-image';
import type { Library } from '../library/library';
import { jobErrors } from './job-errors';
import { rowInputs, rowParams, type JobRow } from './job-row';

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

/** The JSON body BFL gets: validated fields plus each reference image in its model's field. */
export async function buildSubmitBody(row: JobRow, library: InputReader): Promise<Record<string, unknown>> {
  const hashes = rowInputs(row);
  const images: { field: string; data: string }[] = [];
  const megapixels: number[] = [];
  const loaded: Uint8Array[] = [];
  for (const hash of hashes) {
    let input: Awaited<ReturnType<InputReader['readInput']>>;
    try {
      input = await library.readInput(hash);
    } catch {
      throw new SeedbankError('INVALID_INPUT', jobErrors.inputMissing(hash).message, 'inputs');
    }
    loaded.push(input.bytes);
    megapixels.push((input.width * input.height) / PIXELS_PER_MP);
  }
  const validated = validateRequest(
    { model: row.model, prompt: row.prompt, params: rowParams(row), inputs: hashes },
    { inputMegapixels: megapixels },
  );
  validated.imageFields.forEach((field, i) => {
    const bytes = loaded[i];
    if (bytes) images.push({ field, data: toBase64(bytes) });
  });
  const body: Record<string, unknown> = { ...validated.body };
  for (const image of images) body[image.field] = image.data;
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
