/**
 * A converted export copy: the library's file decoded, resized (longest side, never enlarged)
 * and encoded as PNG, JPEG or WebP by sharp — then the record embedded again with the
 * repository's own writers, because sharp drops the XMP that carries it. The library's file is
 * only read.
 */
import type { ExportFormat } from '../../../../shared/export-preset';
import type { EmbeddedRecord, OutputFormat } from '../../../../shared/types';
import { embedRecord } from '../../metadata';
import { loadSharp } from '../files/load-sharp';
import { MAX_DECODE_PIXELS } from '../files/untrusted-image';

export interface ConvertOptions {
  format: ExportFormat;
  maxSide?: number | undefined;
  quality: number;
}

/** The format the copy will have: the original's unless a conversion names another. */
export function exportFormatOf(original: OutputFormat, options: ConvertOptions): OutputFormat {
  return options.format === 'original' ? original : options.format;
}

/** True when the copy must be re-encoded rather than copied byte for byte. */
export function needsConversion(original: OutputFormat, options: ConvertOptions): boolean {
  return exportFormatOf(original, options) !== original || options.maxSide !== undefined;
}

export async function convertForExport(
  original: Uint8Array,
  originalFormat: OutputFormat,
  record: EmbeddedRecord,
  options: ConvertOptions,
  creatorTool: string,
): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const format = exportFormatOf(originalFormat, options);
  let image = sharp(original, { limitInputPixels: MAX_DECODE_PIXELS }).rotate();
  if (options.maxSide !== undefined) {
    image = image.resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true });
  }
  if (format === 'jpeg') image = image.jpeg({ quality: options.quality, mozjpeg: true });
  else if (format === 'webp') image = image.webp({ quality: options.quality });
  else image = image.png();
  const encoded = new Uint8Array(await image.toBuffer());
  // The record travels with the copy; its format is the copy's, the rest is how the image was made.
  return embedRecord(encoded, { ...record, format }, { creatorTool });
}
