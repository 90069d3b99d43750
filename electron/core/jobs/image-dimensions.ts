/**
 * Width and height from an image's header (JPEG SOF, PNG IHDR, WebP VP8/VP8L/VP8X), without
 * decoding it. Two users: the record of a file BFL delivered (decoding is the thumbnailer's job
 * and would double the time from `Ready` to "in the library"), and the pixel size and pixel
 * limit of untrusted files (untrusted-image.ts) — the same declared size sharp's `metadata()`
 * reports (image-dimensions.test.ts checks that on real and hostile files), at a fraction of
 * the cost. Anything not laid out as the format requires answers null: the caller refuses it.
 */
export interface Dimensions {
  width: number;
  height: number;
}

function jpeg(b: Uint8Array): Dimensions | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      // Fill bytes before a marker.
      i += 1;
      continue;
    }
    // Scan data or the end before any frame header: not an image a decoder can size.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (length < 2) return null;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) return null;
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    i += 2 + length;
  }
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(b: Uint8Array): Dimensions | null {
  // Signature, then the whole IHDR chunk (length 13, type, 13 bytes of data, CRC), as sharp needs.
  if (b.length < 33 || PNG_SIGNATURE.some((byte, i) => b[i] !== byte)) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (v.getUint32(8) !== 13 || String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
  // Not the header's CRC: sharp's PNG reader does not check it either (pixel-size.test.ts).
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

function webp(b: Uint8Array): Dimensions | null {
  if (b.length < 30) return null;
  const tag = (at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WEBP') return null;
  const chunk = tag(12);
  if (chunk === 'VP8X') {
    return {
      width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)),
      height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)),
    };
  }
  if (chunk === 'VP8 ') {
    // A key frame's start code; without it the frame is not a VP8 image.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return null;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return null;
}

export function imageDimensions(bytes: Uint8Array, format: 'jpeg' | 'png' | 'webp'): Dimensions | null {
  try {
    if (format === 'jpeg') return jpeg(bytes);
    if (format === 'png') return png(bytes);
    return webp(bytes);
  } catch {
    return null;
  }
}
