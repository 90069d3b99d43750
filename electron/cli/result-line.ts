/**
 * The one shape `--json` prints per image or job, shared by `generate`, `resume` and `history`:
 * `id` is the library image's id (the one `history` shows) or, for a job that produced nothing,
 * the job's id; `file` is absolute; `createdAt` is ISO 8601 UTC; `error` is null or {code,message}.
 */
import path from 'node:path';
import type { ErrorInfo } from '../../shared/errors';
import type { Generation, Job } from '../../shared/types';

export interface ResultLine {
  id: string;
  taskId: string | null;
  status: string;
  model: string;
  prompt: string;
  upsampledPrompt: string | null;
  seed: number | null;
  width: number | null;
  height: number | null;
  file: string | null;
  cost: number | null;
  createdAt: string;
  error: { code: string; message: string } | null;
}

const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const utc = (iso: string) => new Date(iso).toISOString();
const plainError = (error: ErrorInfo | null) => (error ? { code: error.code, message: error.message } : null);

export function generationLine(generation: Generation, home: string, status = 'done'): ResultLine {
  return {
    id: generation.id,
    taskId: generation.taskId,
    status,
    model: generation.model,
    prompt: generation.prompt,
    upsampledPrompt: generation.upsampledPrompt,
    seed: generation.seed,
    width: generation.width,
    height: generation.height,
    file: path.resolve(home, generation.file),
    cost: generation.cost,
    createdAt: utc(generation.createdAt),
    error: null,
  };
}

export function jobLine(job: Job): ResultLine {
  const params = job.request.params;
  return {
    id: job.generationId ?? job.id,
    taskId: job.taskId,
    status: job.status,
    model: job.request.model,
    prompt: job.request.prompt,
    upsampledPrompt: null,
    seed: int(params.seed),
    width: int(params.width),
    height: int(params.height),
    file: null,
    cost: job.cost,
    createdAt: utc(job.createdAt),
    error: plainError(job.error),
  };
}

/** A line for people: what happened and where the file is. */
export function humanLine(line: ResultLine): string {
  if (line.status === 'done') {
    const seed = line.seed === null ? '' : ` seed ${line.seed}`;
    const cost = line.cost === null ? '' : `, ${line.cost} credits`;
    return `${line.file ?? line.id}  (${line.model}${seed}${cost})`;
  }
  if (line.status === 'paused') {
    return `paused: ${line.error?.message ?? 'waiting'}; run \`seedbank resume\` when fixed  [job ${line.id}${line.taskId ? `, task ${line.taskId}` : ''}]`;
  }
  return `${line.status}: ${line.error?.message ?? 'no result'}  [job ${line.id}${line.taskId ? `, task ${line.taskId}` : ''}]`;
}
