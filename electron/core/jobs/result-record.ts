/**
 * The record embedded in every downloaded image: the prompt as typed, BFL's upsampled prompt,
 * the seed BFL reports, every field that was sent, the reference-image hashes, the task id, the
 * cost and the times — enough to make the image again, or rebuild the library from files alone.
 */
import type { EmbeddedRecord, OutputFormat } from '../../../shared/types';
import { imageDimensions } from './image-dimensions';
import { rowBody, rowInputs, rowParams, type JobRow } from './job-row';

export const RECORD_VERSION = 1;

/** The request fields that were sent, without the prompt (recorded on its own) and without images. */
export function sentParams(row: JobRow): Record<string, unknown> {
  try {
    const { prompt: _prompt, ...rest } = rowBody(row);
    return rest;
  } catch {
    return rowParams(row);
  }
}

export interface RecordInput {
  row: JobRow;
  generationId: string;
  bytes: Uint8Array;
  format: OutputFormat;
  projectName: string | null;
  finishedAt: string;
}

const asInt = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

export function buildRecord({
  row,
  generationId,
  bytes,
  format,
  projectName,
  finishedAt,
}: RecordInput): EmbeddedRecord {
  const params = sentParams(row);
  const size = imageDimensions(bytes, format);
  return {
    version: RECORD_VERSION,
    id: generationId,
    model: row.model,
    prompt: row.prompt,
    upsampledPrompt: row.result_prompt,
    seed: row.result_seed ?? asInt(params.seed),
    width: size?.width ?? asInt(params.width),
    height: size?.height ?? asInt(params.height),
    format,
    params,
    inputs: rowInputs(row),
    taskId: row.task_id,
    cost: row.cost,
    createdAt: row.ready_at ?? finishedAt,
    submittedAt: row.submitted_at,
    finishedAt,
    projectName,
    favorite: false,
    rating: 0,
    tags: [],
  };
}
