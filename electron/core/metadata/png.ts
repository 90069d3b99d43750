/**
 * XMP in PNG (XMP spec part 3, §1.1.5): one uncompressed `iTXt` chunk with the keyword
 * `XML:com.adobe.xmp`, before the first IDAT. Every other chunk is copied byte for byte.
 */
// zlib is fetched when a PNG is first written or read, not at import: loading it costs ~10 ms
// that a CLI command which never touches a PNG should not pay.
const zlib = () => process.getBuiltinModule('node:zlib');
import { ascii, concat, invalidImage, startsWithAscii, utf8, view } from './bytes';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const XMP_KEYWORD = 'XML:com.adobe.xmp';
// Compressed XMP from other tools is inflated on reading; cap it so a zip bomb cannot hurt.
const MAX_INFLATED = 64 * 1024 * 1024;

interface Chunk {
  type: string;
  start: number;
  dataStart: number;
  dataEnd: number;
  /** After the CRC. */
  end: number;
}

export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/** Walks the chunks up to and including IEND. Throws when the file stops short of IEND. */
function parseChunks(bytes: Uint8Array): { chunks: Chunk[]; end: number } {
  if (!isPng(bytes)) throw invalidImage('Not a PNG file (bad signature)');
  const chunks: Chunk[] = [];
  let pos = SIGNATURE.length;
  for (;;) {
    if (pos + 12 > bytes.length) throw invalidImage('PNG is truncated (no IEND chunk)');
    const length = view(bytes).getUint32(pos);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) throw invalidImage(`PNG is truncated: chunk at offset ${pos} runs past the end`);
    const chunk = { type: ascii(bytes, pos + 4, 4), start: pos, dataStart, dataEnd, end: dataEnd + 4 };
    if (chunks.length === 0 && chunk.type !== 'IHDR') throw invalidImage('PNG is corrupt: first chunk is not IHDR');
    chunks.push(chunk);
    pos = chunk.end;
    if (chunk.type === 'IEND') return { chunks, end: pos };
  }
}

function isXmpChunk(bytes: Uint8Array, chunk: Chunk): boolean {
  return chunk.type === 'iTXt' && startsWithAscii(bytes, chunk.dataStart, `${XMP_KEYWORD}\0`);
}

function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat([utf8(type), data]);
  const out = new Uint8Array(typeAndData.length + 8);
  view(out).setUint32(0, data.length);
  out.set(typeAndData, 4);
  view(out).setUint32(out.length - 4, zlib().crc32(typeAndData));
  return out;
}

/** Returns a copy with the XMP iTXt chunk replaced (or added before the first IDAT). */
export function writePngXmp(bytes: Uint8Array, packet: Uint8Array): Uint8Array {
  const { chunks, end } = parseChunks(bytes);
  const firstIdat = chunks.findIndex((chunk) => chunk.type === 'IDAT');
  if (firstIdat < 0) throw invalidImage('PNG has no image data (no IDAT chunk)');
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0
  const header = concat([utf8(XMP_KEYWORD), new Uint8Array([0, 0, 0, 0, 0])]);
  const xmpChunk = makeChunk('iTXt', concat([header, packet]));
  const parts: Uint8Array[] = [bytes.subarray(0, SIGNATURE.length)];
  chunks.forEach((chunk, index) => {
    if (index === firstIdat) parts.push(xmpChunk);
    if (!isXmpChunk(bytes, chunk)) parts.push(bytes.subarray(chunk.start, chunk.end));
  });
  // Bytes after IEND are not ours to judge; keep them.
  parts.push(bytes.subarray(end));
  return concat(parts);
}

/** The XMP bytes of the first XMP iTXt chunk, or null. Tolerates a missing IEND (truncated
 * files still carry their metadata); throws on a bad signature. */
export function readPngXmp(bytes: Uint8Array): Uint8Array | null {
  if (!isPng(bytes)) throw invalidImage('Not a PNG file (bad signature)');
  let pos = SIGNATURE.length;
  while (pos + 12 <= bytes.length) {
    const length = view(bytes).getUint32(pos);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) return null;
    const chunk = { type: ascii(bytes, pos + 4, 4), start: pos, dataStart, dataEnd, end: dataEnd + 4 };
    if (isXmpChunk(bytes, chunk)) return readItxtText(bytes.subarray(dataStart, dataEnd));
    if (chunk.type === 'IEND') return null;
    pos = chunk.end;
  }
  return null;
}

function readItxtText(data: Uint8Array): Uint8Array | null {
  let pos = XMP_KEYWORD.length + 1;
  const compressed = data[pos] === 1;
  pos += 2;
  for (let field = 0; field < 2; field++) {
    const nul = data.indexOf(0, pos);
    if (nul < 0) return null;
    pos = nul + 1;
  }
  const text = data.subarray(pos);
  return compressed ? new Uint8Array(zlib().inflateSync(text, { maxOutputLength: MAX_INFLATED })) : text;
}

/** A text chunk other tools write (tEXt, zTXt or iTXt): keyword and decoded text. */
export interface PngText {
  keyword: string;
  text: string;
}

/** Text chunks larger than this (after inflating) are skipped: no tool writes a recipe that big,
 * and a hostile file must not make a scan hold gigabytes of text. */
export const MAX_PNG_TEXT = 8 * 1024 * 1024;
const latin1Text = new TextDecoder('latin1');
const utf8Text = new TextDecoder('utf-8');

function inflateBounded(data: Uint8Array): Uint8Array | null {
  try {
    return new Uint8Array(zlib().inflateSync(data, { maxOutputLength: MAX_PNG_TEXT }));
  } catch {
    // Corrupt deflate data or a text past the limit: the chunk is skipped, the rest still read.
    return null;
  }
}

function decodeTextChunk(type: string, data: Uint8Array): PngText | null {
  const nul = data.indexOf(0);
  // The keyword is 1–79 Latin-1 characters (PNG spec §11.3.4).
  if (nul < 1 || nul > 79) return null;
  const keyword = latin1Text.decode(data.subarray(0, nul));
  if (type === 'tEXt') return { keyword, text: latin1Text.decode(data.subarray(nul + 1)) };
  if (type === 'zTXt') {
    const inflated = data[nul + 1] === 0 ? inflateBounded(data.subarray(nul + 2)) : null;
    return inflated ? { keyword, text: latin1Text.decode(inflated) } : null;
  }
  // iTXt: keyword \0 flag method language \0 translated keyword \0 UTF-8 text
  const compressed = data[nul + 1] === 1;
  let pos = nul + 3;
  for (let field = 0; field < 2; field++) {
    const end = data.indexOf(0, pos);
    if (end < 0) return null;
    pos = end + 1;
  }
  const raw = compressed ? inflateBounded(data.subarray(pos)) : data.subarray(pos);
  return raw ? { keyword, text: utf8Text.decode(raw) } : null;
}

/**
 * Every readable text chunk before IEND, in file order. Never throws on damage: a truncated
 * chunk ends the walk and what was read so far is returned.
 */
export function readPngTexts(bytes: Uint8Array): PngText[] {
  const texts: PngText[] = [];
  if (!isPng(bytes)) return texts;
  let pos = SIGNATURE.length;
  while (pos + 12 <= bytes.length) {
    const length = view(bytes).getUint32(pos);
    const type = ascii(bytes, pos + 4, 4);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (dataEnd > bytes.length || type === 'IEND') break;
    if ((type === 'tEXt' || type === 'zTXt' || type === 'iTXt') && length <= MAX_PNG_TEXT) {
      const text = decodeTextChunk(type, bytes.subarray(dataStart, dataEnd));
      if (text) texts.push(text);
    }
    pos = dataEnd + 4;
  }
  return texts;
}
