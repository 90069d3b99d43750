/**
 * Reference images as BFL takes them: jpeg, png or webp, at most 20 MB and 20 MP, sent as base64
 * without a `data:` prefix. Dimensions come from the file header (no decoding), so checking a
 * large file costs nothing and works the same in the app, the CLI and tests.
 */
import { SeedbankError } from '../../../shared/errors';

export interface InputImageInfo {
  format: 'jpeg' | 'png' | 'webp';
  width: number;
  height: number;
  bytes: number;
}

/** BFL's limits, read conservatively (decimal MB and MP) so a file we accept is one BFL accepts. */
export const MAX_INPUT_BYTES = 20_000_000;
export const MAX_INPUT_PIXELS = 20_000_000;

type Size = { width: number; height: number };

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 65536 + u16be(b, i + 2);
const ascii = (b: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...b.subarray(start, start + length));

function pngSize(b: Uint8Array): Size | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

// Start-of-frame markers carry the size (baseline, progressive, lossless, arithmetic variants).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegSize(b: Uint8Array): Size | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (SOF.has(marker)) return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / scan before any frame header
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): Size | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const [b1 = 0, b2 = 0, b3 = 0, b4 = 0] = b.subarray(21, 25);
    return { width: 1 + (((b2 & 0x3f) << 8) | b1), height: 1 + (((b4 & 0x0f) << 10) | (b3 << 2) | ((b2 & 0xc0) >> 6)) };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return null;
}

function sniff(b: Uint8Array): string | null {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 6 && ascii(b, 0, 3) === 'GIF') return 'gif';
  if (b.length >= 2 && ascii(b, 0, 2) === 'BM') return 'bmp';
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') return 'heic/avif';
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return 'tiff';
  return null;
}

function refuse(reason: string): SeedbankError {
  return new SeedbankError('INVALID_INPUT', `inputs: ${reason}`, 'inputs');
}

/** Format, size and byte count of a reference image, or INVALID_INPUT (field `inputs`) with the reason. */
export function inspectInputImage(bytes: Uint8Array): InputImageInfo {
  const kind = sniff(bytes);
  if (kind === null) throw refuse('the file is not an image BFL can read; use jpeg, png or webp');
  if (kind !== 'jpeg' && kind !== 'png' && kind !== 'webp') {
    throw refuse(`the image is ${kind}; BFL takes jpeg, png or webp`);
  }
  if (bytes.length > MAX_INPUT_BYTES) {
    throw refuse(`the image is ${(bytes.length / 1e6).toFixed(1)} MB; BFL takes at most 20 MB`);
  }
  const size = kind === 'png' ? pngSize(bytes) : kind === 'jpeg' ? jpegSize(bytes) : webpSize(bytes);
  if (!size || size.width <= 0 || size.height <= 0) throw refuse(`the ${kind} file is damaged (no readable size)`);
  if (size.width * size.height > MAX_INPUT_PIXELS) {
    const mp = ((size.width * size.height) / 1e6).toFixed(1);
    throw refuse(`the image is ${mp} MP (${size.width}×${size.height}); BFL takes at most 20 MP`);
  }
  return { format: kind, width: size.width, height: size.height, bytes: bytes.length };
}

/** Base64 without a `data:` prefix, as BFL wants it. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** `data:image/png;base64,AAAA` → `AAAA`; anything else unchanged. */
export function stripDataUrlPrefix(text: string): string {
  return text.replace(/^\s*data:[^,]*,/i, '');
}
