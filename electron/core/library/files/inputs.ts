/**
 * Reference images, stored once by content hash under `inputs/<sha256>.<ext>`. The bytes are kept
 * exactly as given (BFL gets what the person chose). When the image is itself a Seedbank image,
 * its embedded record names the generation it came from, which is how lineage survives the
 * library file being rewritten (a new rating changes the file's hash, not its record id).
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { InputImage, OutputFormat } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import { inspectInputImage } from '../../bfl/input-image';
import { isSeedbankId } from '../../ids';
import { readRecord, writeFileAtomic } from '../../metadata';
import { absolutePath, inputLocation } from './library-paths';

export interface InputRow {
  hash: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  created_at: string;
  generation_id: string | null;
}

export interface StoredInput {
  bytes: Uint8Array;
  format: OutputFormat;
  width: number;
  height: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function toInputImage(row: InputRow, assetUrl: (relativePath: string) => string): InputImage {
  const format = row.format as OutputFormat;
  return {
    hash: row.hash,
    format,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    url: assetUrl(inputLocation(row.hash, format)),
  };
}

export function getInputRow(db: DatabaseSync, hash: string): InputRow | undefined {
  return db
    .prepare('SELECT hash, format, width, height, bytes, created_at, generation_id FROM inputs WHERE hash = ?')
    .get(hash) as InputRow | undefined;
}

/** The library image a reference was made from, when its record names one by a valid id. */
export function linkedGenerationId(bytes: Uint8Array): string | null {
  const id = readRecord(bytes)?.id;
  return typeof id === 'string' && isSeedbankId(id) ? id : null;
}

/** Checks the image against BFL's limits and stores it once; adding the same bytes again is a no-op. */
export async function storeInput(db: DatabaseSync, home: string, bytes: Uint8Array, now: Date): Promise<InputRow> {
  const info = inspectInputImage(bytes);
  const hash = sha256Hex(bytes);
  const target = absolutePath(home, inputLocation(hash, info.format));
  const onDisk = await stat(target).then(
    (s) => s.size === bytes.length,
    () => false,
  );
  if (!onDisk) {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, bytes);
  }
  const generationId = linkedGenerationId(bytes);
  db.prepare(
    `INSERT INTO inputs (hash, format, width, height, bytes, created_at, generation_id) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(hash) DO UPDATE SET generation_id = coalesce(inputs.generation_id, excluded.generation_id)`,
  ).run(hash, info.format, info.width, info.height, info.bytes, now.toISOString(), generationId);
  const row = getInputRow(db, hash);
  if (!row) throw new SeedbankError('INTERNAL', 'The reference image was stored but its row is missing');
  return row;
}

/**
 * A reference image's size from its row, without reading the image: what validation and the
 * estimate need. NOT_FOUND when it was never added or its file is gone.
 */
export async function storedInputSize(
  db: DatabaseSync,
  home: string,
  hash: string,
): Promise<{ width: number; height: number }> {
  const row = getInputRow(db, hash);
  if (!row)
    throw new SeedbankError('NOT_FOUND', `Reference image ${hash.slice(0, 12)}… is not in the library`, 'inputs');
  try {
    await access(absolutePath(home, inputLocation(hash, row.format as OutputFormat)));
  } catch {
    throw new SeedbankError('NOT_FOUND', `The file of reference image ${hash.slice(0, 12)}… is missing`, 'inputs');
  }
  return { width: row.width, height: row.height };
}

/** The stored bytes of a reference image; NOT_FOUND when it was never added or its file is gone. */
export async function readStoredInput(db: DatabaseSync, home: string, hash: string): Promise<StoredInput> {
  const row = getInputRow(db, hash);
  if (!row)
    throw new SeedbankError('NOT_FOUND', `Reference image ${hash.slice(0, 12)}… is not in the library`, 'inputs');
  const format = row.format as OutputFormat;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(absolutePath(home, inputLocation(hash, format))));
  } catch {
    throw new SeedbankError('NOT_FOUND', `The file of reference image ${hash.slice(0, 12)}… is missing`, 'inputs');
  }
  return { bytes, format, width: row.width, height: row.height };
}

/** Hashes of the stored reference images made from the library image `generationId`. */
export function inputHashesMadeFrom(db: DatabaseSync, generationId: string): string[] {
  return (db.prepare('SELECT hash FROM inputs WHERE generation_id = ?').all(generationId) as { hash: string }[]).map(
    (row) => row.hash,
  );
}
