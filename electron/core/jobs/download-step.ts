/**
 * From a `Ready` answer to an image in the library. The sample URL is fetched without the key
 * (the BFL client's `download` never sends it). Delivered bytes are kept only when they are a
 * whole image (a body cut short is fetched again), and they are parked durably in `tmp/` (file
 * and folder fsynced) before anything else, so a full disk, a crash or a library that refuses
 * the image now never costs the paid image once the 10-minute URL is dead; a resumed job adopts
 * the parked copy. The generation id is written to the job before `addImage`, so a resumed job
 * never adds the same image twice.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Generation, OutputFormat } from '../../../shared/types';
import type { BflClient } from '../bfl';
import type { ResultStore } from './result-store';
import { assertCompleteImage, detectFormat } from '../metadata';
import type { JobRow } from './job-row';
import { buildRecord } from './result-record';

export const SAMPLE_LIFETIME_MS = 10 * 60_000;
const MAX_IMAGE_BYTES = 100 * 1024 * 1024;

/** The file writes of this stage, as a seam: tests inject a full disk (ENOSPC) here. */
export interface DownloadFiles {
  /** Writes the whole file durably (file and folder fsynced) or throws, leaving no partial file. */
  writeDurably(file: string, bytes: Uint8Array): Promise<void>;
}

export function parkedFile(tmpDir: string, jobId: string): string {
  return path.join(tmpDir, 'jobs', `${jobId}.download`);
}

/**
 * The parked copy of an earlier attempt, when it is a whole image; anything else there (a copy
 * parked short by an older version, a damaged file) is removed so the result is fetched again.
 */
export async function adoptParked(tmpDir: string, jobId: string): Promise<Uint8Array | null> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(parkedFile(tmpDir, jobId)));
  } catch {
    return null;
  }
  try {
    assertCompleteImage(bytes);
    return bytes;
  } catch {
    await discardParked(tmpDir, jobId);
    return null;
  }
}

/**
 * Downloads the sample; throws unless what arrived is a whole JPEG, PNG or WebP. A body cut
 * short against its announced length already throws in fetch (undici and Chromium both refuse
 * it); one without a length that simply ends early is caught by the strict container walk.
 */
export async function fetchResult(row: JobRow, client: BflClient, signal: AbortSignal): Promise<Uint8Array> {
  if (!row.result_url) throw new Error('no result URL stored');
  const { bytes } = await client.download(row.result_url, { maxBytes: MAX_IMAGE_BYTES, signal });
  assertCompleteImage(bytes);
  return bytes;
}

/** Keeps downloaded bytes durably until they are in the library. */
export async function parkResult(files: DownloadFiles, tmpDir: string, jobId: string, bytes: Uint8Array) {
  const parked = parkedFile(tmpDir, jobId);
  await fs.mkdir(path.dirname(parked), { recursive: true });
  await files.writeDurably(parked, bytes);
}

/** A write refused because the disk (or the person's quota) is full. */
export function isDiskFull(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export interface StoreInput {
  row: JobRow;
  bytes: Uint8Array;
  generationId: string;
  projectName: string | null;
  finishedAt: string;
}

export async function storeResult(library: Pick<ResultStore, 'addImage'>, input: StoreInput): Promise<Generation> {
  const format: OutputFormat = detectFormat(input.bytes) ?? 'jpeg';
  const record = buildRecord({ ...input, format });
  return library.addImage({ record, bytes: input.bytes, jobId: input.row.id, projectId: input.row.project_id });
}

export async function discardParked(tmpDir: string, jobId: string): Promise<void> {
  await fs.rm(parkedFile(tmpDir, jobId), { force: true });
}
