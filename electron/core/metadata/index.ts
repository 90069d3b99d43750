/**
 * Every image file carries its own recipe: the Seedbank record, embedded as XMP without
 * re-encoding the image (JPEG APP1, PNG iTXt, WebP XMP chunk). Only metadata is added or
 * replaced; the image data is copied byte for byte.
 */
import { readFile } from 'node:fs/promises';
import { SeedbankError } from '../../../shared/errors';
import type { EmbeddedRecord, OutputFormat } from '../../../shared/types';
import { writeFileAtomic } from './atomic-write';
import { utf8 } from './bytes';
import { splitForJpeg } from './extended-xmp';
import { foreignProperties } from './foreign';
import { detectFormat } from './format';
import { writeJpegXmp } from './jpeg';
import { writePngXmp } from './png';
import { recordFromXmp, recordToXmp } from './record';
import { assertEmbeddable } from './validate';
import { writeWebpXmp } from './webp';
import { serializeXmp } from './xmp';
import { readXmpProperties } from './xmp-properties';
import type { XmpProperty } from './xmp';

export { detectFormat } from './format';
export { syncFolder, writeFileAtomic } from './atomic-write';

export interface EmbedOptions {
  /** Written as xmp:CreatorTool, e.g. `Seedbank 0.1.0`. */
  creatorTool: string;
}

/** Existing XMP that is not Seedbank's, kept across a rewrite. A packet too damaged to parse
 * is dropped: it is replaced anyway, and refusing to embed over it would help no one. */
function existingForeign(bytes: Uint8Array, format: OutputFormat): XmpProperty[] {
  try {
    return foreignProperties(readXmpProperties(bytes, format));
  } catch (err) {
    if (err instanceof SeedbankError) throw err;
    return [];
  }
}

/**
 * Returns a copy of the image with `record` embedded, replacing any earlier Seedbank XMP.
 * Throws SeedbankError INVALID_INPUT for a file that is not a complete JPEG/PNG/WebP or a record
 * that could not be read back exactly.
 */
export function embedRecord(bytes: Uint8Array, record: EmbeddedRecord, options: EmbedOptions): Uint8Array {
  const format = detectFormat(bytes);
  if (format === null) throw new SeedbankError('INVALID_INPUT', 'Not a JPEG, PNG or WebP file');
  assertEmbeddable(record);
  const properties = [...recordToXmp(record, options.creatorTool), ...existingForeign(bytes, format)];
  switch (format) {
    case 'jpeg': {
      const { standard, extended } = splitForJpeg(properties);
      return writeJpegXmp(bytes, standard, extended);
    }
    case 'png':
      return writePngXmp(bytes, utf8(serializeXmp(properties, { wrapper: true })));
    case 'webp':
      return writeWebpXmp(bytes, utf8(serializeXmp(properties, { wrapper: true })));
  }
}

/**
 * Throws SeedbankError INVALID_INPUT unless `bytes` is a whole JPEG, PNG or WebP: the same strict
 * walk embedding does (every segment or chunk inside the file, the end marker present), so a
 * delivery cut short is caught when it arrives, not when it is stored.
 */
export function assertCompleteImage(bytes: Uint8Array): OutputFormat {
  const format = detectFormat(bytes);
  if (format === null) throw new SeedbankError('INVALID_INPUT', 'Not a JPEG, PNG or WebP file');
  const nothing = new Uint8Array(0);
  if (format === 'jpeg') writeJpegXmp(bytes, nothing, null);
  else if (format === 'png') writePngXmp(bytes, nothing);
  else writeWebpXmp(bytes, nothing);
  return format;
}

/** The embedded record, or null when there is none or the file is not a readable image. */
export function readRecord(bytes: Uint8Array): EmbeddedRecord | null {
  try {
    const format = detectFormat(bytes);
    if (format === null) return null;
    return recordFromXmp(readXmpProperties(bytes, format), format);
  } catch {
    // Damaged files are normal in a library scan; "no record" is the useful answer.
    return null;
  }
}

export async function readRecordFromFile(file: string): Promise<EmbeddedRecord | null> {
  return readRecord(await readFile(file));
}

/** Embeds the record in the file in place, atomically (the old file stays whole on a crash). */
export async function writeRecordToFile(file: string, record: EmbeddedRecord, options: EmbedOptions): Promise<void> {
  const bytes = await readFile(file);
  await writeFileAtomic(file, embedRecord(bytes, record, options));
}
