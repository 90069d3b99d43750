/**
 * From a `Ready` answer to an image in the library. The sample URL is fetched without the key
 * (the BFL client's `download` never sends it). When storing fails the bytes are parked in `tmp/`,
 * so a library that cannot take the image now never costs the paid image once the 10-minute URL
 * is dead; the generation id is written to the job before `addImage`, so a resumed job never
 * adds the same image twice.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Generation, OutputFormat } from '../../../shared/types';
import type { BflClient } from '../bfl';
import type { Library } from '../library/library';
import { detectFormat } from '../metadata/format';
import type { JobRow } from './job-row';
import { buildRecord } from './result-record';

export const SAMPLE_LIFETIME_MS = 10 * 60_000;
const MAX_IMAGE_BYTES = 100 * 1024 * 1024;

export function parkedFile(tmpDir: string, jobId: string): string {
  return path.join(tmpDir, 'jobs', `${jobId}.download`);
}

/** The downloaded bytes: from the parked copy when a previous attempt got that far. */
export async function fetchResult(
  row: JobRow,
  client: BflClient,
  tmpDir: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const parked = parkedFile(tmpDir, row.id);
  try {
    return new Uint8Array(await fs.readFile(parked));
  } catch {
    // Not parked yet: download.
  }
  if (!row.result_url) throw new Error('no result URL stored');
  const { bytes } = await client.download(row.result_url, { maxBytes: MAX_IMAGE_BYTES, signal });
  if (detectFormat(bytes) === null) throw new Error('the delivered file is not a JPEG, PNG or WebP image');
  return bytes;
}

/** Keeps downloaded bytes that could not be stored yet, for the next attempt. */
export async function parkResult(tmpDir: string, jobId: string, bytes: Uint8Array): Promise<void> {
  const parked = parkedFile(tmpDir, jobId);
  await fs.mkdir(path.dirname(parked), { recursive: true });
  const partial = `${parked}.${process.pid}.part`;
  await fs.writeFile(partial, bytes);
  await fs.rename(partial, parked);
}

export interface StoreInput {
  row: JobRow;
  bytes: Uint8Array;
  generationId: string;
  projectName: string | null;
  finishedAt: string;
}

export async function storeResult(library: Pick<Library, 'addImage'>, input: StoreInput): Promise<Generation> {
  const format: OutputFormat = detectFormat(input.bytes) ?? 'jpeg';
  const record = buildRecord({ ...input, format });
  return library.addImage({ record, bytes: input.bytes, jobId: input.row.id, projectId: input.row.project_id });
}

export async function discardParked(tmpDir: string, jobId: string): Promise<void> {
  await fs.rm(parkedFile(tmpDir, jobId), { force: true });
}
