/**
 * Reading what other image tools embed: `readForeignRecord(bytes)` walks the file's containers
 * once, then asks each tool's reader in turn; the first that recognises its own keys wins, and
 * XMP keywords, rating and description (from Lightroom and the like) are laid over it. Never
 * throws: files from elsewhere are hostile, and "nothing readable" is a normal answer.
 */
import { detectFormat } from '../format';
import { readJpegExif } from '../jpeg';
import { readPngTexts } from '../png';
import { readWebpExif } from '../webp';
import { readXmpProperties } from '../xmp-properties';
import type { XmpProperty } from '../xmp';
import { readA1111 } from './a1111';
import { readComfyUi } from './comfyui';
import { readFooocus } from './fooocus';
import { readInvokeAi } from './invokeai';
import type { ForeignReader, ForeignRecord, FoundMetadata } from './types';
import { readUserComment } from './user-comment';
import { readEmbeddedXmp } from './xmp-sidecar';

export type { ForeignRecord, ForeignTool } from './types';
export { readXmpSidecar, MAX_SIDECAR_BYTES } from './xmp-sidecar';

/** Most specific first: Fooocus writes a `parameters` chunk too, and ComfyUI a `prompt`. */
const READERS: readonly ForeignReader[] = [readComfyUi, readInvokeAi, readFooocus, readA1111];

function xmpOf(bytes: Uint8Array): XmpProperty[] {
  const format = detectFormat(bytes);
  if (!format) return [];
  try {
    return readXmpProperties(bytes, format);
  } catch {
    return [];
  }
}

/** The file's text chunks, EXIF UserComment and XMP, each read as far as the damage allows. */
export function findMetadata(bytes: Uint8Array): FoundMetadata {
  const texts = new Map<string, string>();
  for (const { keyword, text } of readPngTexts(bytes)) if (!texts.has(keyword)) texts.set(keyword, text);
  const format = detectFormat(bytes);
  const exif = format === 'jpeg' ? readJpegExif(bytes) : format === 'webp' ? readWebpExif(bytes) : null;
  return { texts, userComment: exif ? readUserComment(exif) : null, xmp: xmpOf(bytes) };
}

/** Lays keywords, rating and (when the tool gave no prompt) the description over `base`. */
export function withXmp(base: ForeignRecord | null, xmp: ForeignRecord | null): ForeignRecord | null {
  if (!base || !xmp) return base ?? xmp;
  return {
    ...base,
    prompt: base.prompt.trim() === '' ? xmp.prompt : base.prompt,
    tags: [...base.tags, ...xmp.tags],
    rating: xmp.rating ?? base.rating,
  };
}

export function readForeignRecord(bytes: Uint8Array): ForeignRecord | null {
  try {
    const found = findMetadata(bytes);
    let record: ForeignRecord | null = null;
    for (const read of READERS) {
      record = read(found);
      if (record) break;
    }
    return withXmp(record, readEmbeddedXmp(found));
  } catch {
    // Each reader is written not to throw; this is the last guard for a file nobody foresaw.
    return null;
  }
}
