/**
 * Image files from outside Seedbank — an imported folder, a file put into the library folder
 * by hand — are hostile input. Three rules, applied to every such file:
 * - a byte limit before reading, and a pixel limit before anything is decoded (a 40 KB
 *   PNG may declare 60000×60000 pixels); decoders get the same limit (MAX_DECODE_PIXELS);
 * - the record's id becomes a file name, so only an id Seedbank could have issued is kept; any
 *   other gets a new id, and the original is kept in the record's notes;
 * - width and height come from the image's own header, never from the record.
 * The header is read here (image-dimensions.ts), not by sharp: the same declared size sharp's
 * `metadata()` reports, without a libvips call per file — the largest share of an import's time.
 */
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { SeedbankError } from '../../../../shared/errors';
import type { EmbeddedRecord } from '../../../../shared/types';
import { isSeedbankId, newId } from '../../ids';
import { imageDimensions } from '../../jobs/image-dimensions';
import { detectFormat } from '../../metadata';

/** Far above any BFL output (a few MB) or a 20 MB reference, far below what would hurt. */
export const MAX_IMAGE_FILE_BYTES = 256 * 1024 * 1024;
/** 100 MP: BFL's largest outputs are about 4 MP, references at most 20 MP. */
export const MAX_DECODE_PIXELS = 100_000_000;

/** Reads a file only when it is a regular file within the byte limit; `facts` is its stat. */
export async function readImageFileWithFacts(file: string): Promise<{ bytes: Uint8Array; facts: Stats }> {
  const facts = await stat(file);
  if (!facts.isFile()) throw new SeedbankError('INVALID_INPUT', 'not a regular file');
  if (facts.size > MAX_IMAGE_FILE_BYTES) {
    throw new SeedbankError('INVALID_INPUT', `larger than ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MB`);
  }
  return { bytes: new Uint8Array(await readFile(file)), facts };
}

/** Reads a file only when it is a regular file within the byte limit. */
export async function readImageFile(file: string): Promise<Uint8Array> {
  return (await readImageFileWithFacts(file)).bytes;
}

/** The size the pixels have, from the header alone; refuses unreadable headers and pixel bombs. */
export function pixelSize(bytes: Uint8Array): { width: number; height: number } {
  const format = detectFormat(bytes);
  if (format === null) throw new SeedbankError('INVALID_INPUT', 'unreadable image (not a JPEG, PNG or WebP file)');
  const size = imageDimensions(bytes, format);
  if (size === null)
    throw new SeedbankError('INVALID_INPUT', `unreadable image (damaged ${format.toUpperCase()} header)`);
  if (!size.width || !size.height) throw new SeedbankError('INVALID_INPUT', 'the image states no size');
  if (size.width * size.height > MAX_DECODE_PIXELS) {
    throw new SeedbankError(
      'INVALID_INPUT',
      `the image declares ${size.width}×${size.height} pixels, more than the limit of ${MAX_DECODE_PIXELS / 1_000_000} MP`,
    );
  }
  return size;
}

export interface AdmittedRecord {
  record: EmbeddedRecord;
  /** True when the id was replaced, so the file must be rewritten to carry the new one. */
  reIded: boolean;
}

/** The record with a usable id and the pixels' own size. */
export async function admitRecord(record: EmbeddedRecord, bytes: Uint8Array, now: Date): Promise<AdmittedRecord> {
  const size = pixelSize(bytes);
  const admitted: EmbeddedRecord = { ...record, width: size.width, height: size.height };
  if (isSeedbankId(record.id)) return { record: admitted, reIded: false };
  const note = `Imported with the id "${record.id.slice(0, 200)}", which is not a Seedbank id; given a new one.`;
  admitted.id = newId(now.getTime());
  admitted.notes = record.notes ? `${record.notes}\n${note}` : note;
  return { record: admitted, reIded: true };
}
