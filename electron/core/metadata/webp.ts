/**
 * XMP in WebP: an `XMP ` chunk in the extended (VP8X) layout. A simple lossy (`VP8 `) or lossless
 * (`VP8L`) file is turned into the extended layout first; the bitstream chunks themselves are
 * copied byte for byte, only the container around them changes.
 */
import { ascii, concat, invalidImage, startsWithAscii, utf8, view } from './bytes';

const FLAG_ICC = 0x20;
const FLAG_ALPHA = 0x10;
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;
const FLAG_ANIMATION = 0x02;

interface Chunk {
  fourcc: string;
  start: number;
  dataStart: number;
  dataEnd: number;
  /** After the pad byte, if any. */
  end: number;
}

export function isWebp(bytes: Uint8Array): boolean {
  return startsWithAscii(bytes, 0, 'RIFF') && startsWithAscii(bytes, 8, 'WEBP');
}

/** Walks the chunks inside the RIFF. `strict` refuses a RIFF that claims more than the file holds. */
function parseChunks(bytes: Uint8Array, strict: boolean): Chunk[] {
  if (bytes.length < 20 || !isWebp(bytes)) throw invalidImage('Not a WebP file (no RIFF/WEBP header)');
  const riffEnd = view(bytes).getUint32(4, true) + 8;
  if (riffEnd > bytes.length && strict) throw invalidImage('WebP is truncated: the RIFF size exceeds the file');
  const end = Math.min(riffEnd, bytes.length);
  const chunks: Chunk[] = [];
  let pos = 12;
  while (pos + 8 <= end) {
    const size = view(bytes).getUint32(pos + 4, true);
    const dataStart = pos + 8;
    const dataEnd = dataStart + size;
    if (dataEnd > end) {
      if (strict) throw invalidImage(`WebP is truncated: chunk at offset ${pos} runs past the end`);
      break;
    }
    // The pad byte of the last chunk is sometimes missing in the wild; accept that.
    const padded = Math.min(dataEnd + (size % 2), end);
    chunks.push({ fourcc: ascii(bytes, pos, 4), start: pos, dataStart, dataEnd, end: padded });
    pos = padded;
  }
  return chunks;
}

function makeChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length % 2));
  out.set(utf8(fourcc), 0);
  view(out).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

/** Canvas size and alpha as the VP8/VP8L bitstream header states them. */
function bitstreamInfo(bytes: Uint8Array, chunk: Chunk): { width: number; height: number; alpha: boolean } {
  const data = bytes.subarray(chunk.dataStart, chunk.dataEnd);
  const dv = view(data);
  if (chunk.fourcc === 'VP8 ') {
    // 3-byte frame tag, then the key-frame start code 9d 01 2a, then 14-bit width and height.
    if (data.length < 10 || data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) {
      throw invalidImage('WebP VP8 bitstream has no key-frame header');
    }
    return { width: dv.getUint16(6, true) & 0x3fff, height: dv.getUint16(8, true) & 0x3fff, alpha: false };
  }
  // VP8L: signature 0x2f, then width-1 (14 bits), height-1 (14 bits), alpha_is_used (1 bit).
  if (data.length < 5 || data[0] !== 0x2f) throw invalidImage('WebP VP8L bitstream has no header');
  const bits = dv.getUint32(1, true);
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
}

function vp8xChunk(flags: number, width: number, height: number): Uint8Array {
  const data = new Uint8Array(10);
  data[0] = flags;
  const dv = view(data);
  // 24-bit little-endian canvas width-1 and height-1.
  dv.setUint16(4, (width - 1) & 0xffff, true);
  data[6] = ((width - 1) >>> 16) & 0xff;
  dv.setUint16(7, (height - 1) & 0xffff, true);
  data[9] = ((height - 1) >>> 16) & 0xff;
  return makeChunk('VP8X', data);
}

/** Chunks of a simple file in the order the extended layout wants: ICCP before the image data,
 * EXIF after it. Simple files rarely carry them, but some writers add them anyway. */
function extendedOrder(chunks: Chunk[]): Chunk[] {
  const rank = (chunk: Chunk): number => (chunk.fourcc === 'ICCP' ? 0 : chunk.fourcc === 'EXIF' ? 2 : 1);
  return [...chunks].sort((a, b) => rank(a) - rank(b));
}

/** Returns a copy with the XMP chunk replaced (or added at the end) and the VP8X XMP flag set. */
export function writeWebpXmp(bytes: Uint8Array, packet: Uint8Array): Uint8Array {
  const chunks = parseChunks(bytes, true).filter((chunk) => chunk.fourcc !== 'XMP ');
  const first = chunks[0];
  if (!first) throw invalidImage('WebP has no chunks');
  const raw = (chunk: Chunk): Uint8Array => {
    const slice = bytes.slice(chunk.start, chunk.end);
    // Re-add a pad byte the source left out, so the chunks after it stay aligned.
    return slice.length % 2 === 0 ? slice : concat([slice, new Uint8Array(1)]);
  };
  let body: Uint8Array[];
  if (first.fourcc === 'VP8X') {
    const vp8x = raw(first);
    if (first.dataEnd - first.dataStart < 10) throw invalidImage('WebP VP8X chunk is too short');
    vp8x[8] = (vp8x[8] ?? 0) | FLAG_XMP;
    body = [vp8x, ...chunks.slice(1).map(raw)];
  } else if (first.fourcc === 'VP8 ' || first.fourcc === 'VP8L') {
    const { width, height, alpha } = bitstreamInfo(bytes, first);
    const has = (fourcc: string): boolean => chunks.some((chunk) => chunk.fourcc === fourcc);
    const flags = FLAG_XMP | (alpha ? FLAG_ALPHA : 0) | (has('ICCP') ? FLAG_ICC : 0) | (has('EXIF') ? FLAG_EXIF : 0);
    body = [vp8xChunk(flags, width, height), ...extendedOrder(chunks).map(raw)];
  } else {
    throw invalidImage(`WebP starts with an unknown chunk "${first.fourcc}"`);
  }
  const content = concat([utf8('WEBP'), ...body, makeChunk('XMP ', packet)]);
  const header = new Uint8Array(8);
  header.set(utf8('RIFF'), 0);
  view(header).setUint32(4, content.length, true);
  return concat([header, content]);
}

/** The XMP chunk's bytes, or null. Tolerant of truncation past the chunk. */
export function readWebpXmp(bytes: Uint8Array): Uint8Array | null {
  const chunk = parseChunks(bytes, false).find((c) => c.fourcc === 'XMP ');
  return chunk ? bytes.subarray(chunk.dataStart, chunk.dataEnd) : null;
}

export const WEBP_FLAGS = { FLAG_ICC, FLAG_ALPHA, FLAG_EXIF, FLAG_XMP, FLAG_ANIMATION } as const;

/** The EXIF chunk's TIFF data (a leading `Exif\0\0`, which some writers add, removed), or null.
 * Never throws: a damaged file has no EXIF worth reading. */
export function readWebpExif(bytes: Uint8Array): Uint8Array | null {
  try {
    const chunk = parseChunks(bytes, false).find((c) => c.fourcc === 'EXIF');
    if (!chunk) return null;
    const data = bytes.subarray(chunk.dataStart, chunk.dataEnd);
    return startsWithAscii(data, 0, 'Exif\0\0') ? data.subarray(6) : data;
  } catch {
    return null;
  }
}
