/**
 * A `jobs` row as SQLite holds it, and its conversion to the `Job` a front door sees. The row
 * carries what only the runner needs (polling URL, result URL, lease); `Job` leaves those out
 * so neither a signed URL nor a lease ever reaches the renderer.
 */
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import { isErrorCode } from '../../../shared/errors';
import { validateRequest } from '../../../shared/models';
import type { Job, JobStatus } from '../../../shared/types';

export interface JobRow {
  id: string;
  batch_id: string;
  status: JobStatus;
  model: string;
  prompt: string;
  params: string;
  inputs: string;
  /** The request body as validated at submit (JSON, no images); null on rows from before schema v3. */
  body: string | null;
  project_id: string | null;
  estimated_cost: number | null;
  task_id: string | null;
  polling_url: string | null;
  cost: number | null;
  input_mp: number | null;
  output_mp: number | null;
  progress: number | null;
  result_url: string | null;
  result_seed: number | null;
  result_prompt: string | null;
  result_json: string | null;
  ready_at: string | null;
  error_code: string | null;
  error_message: string | null;
  /** The request field the error names (schema v3), or null. */
  error_field: string | null;
  generation_id: string | null;
  polls: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_pid: number | null;
  lease_host: string | null;
  lease_expires_at: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  finished_at: string | null;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function rowParams(row: JobRow): Record<string, unknown> {
  return parseJson<Record<string, unknown>>(row.params, {});
}

export function rowInputs(row: JobRow): string[] {
  return parseJson<string[]>(row.inputs, []);
}

/**
 * The body to send, as validated when the request entered. Rows from before schema v3 carry none:
 * they were validated then too, so validating again here only rebuilds the body.
 */
export function rowBody(row: JobRow): Record<string, unknown> {
  const stored = row.body === null ? null : parseJson<Record<string, unknown> | null>(row.body, null);
  if (stored) return stored;
  return validateRequest({ model: row.model, prompt: row.prompt, params: rowParams(row), inputs: rowInputs(row) }).body;
}

export function rowError(row: JobRow): ErrorInfo | null {
  if (!row.error_code && !row.error_message) return null;
  const code: ErrorCode = isErrorCode(row.error_code) ? row.error_code : 'INTERNAL';
  const info: ErrorInfo = { code, message: row.error_message ?? code };
  return row.error_field ? { ...info, field: row.error_field } : info;
}

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    batchId: row.batch_id,
    status: row.status,
    request: { model: row.model, prompt: row.prompt, params: rowParams(row), inputs: rowInputs(row) },
    projectId: row.project_id,
    taskId: row.task_id,
    cost: row.cost,
    estimatedCost: row.estimated_cost,
    progress: row.progress,
    error: rowError(row),
    generationId: row.generation_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    finishedAt: row.finished_at,
  };
}
