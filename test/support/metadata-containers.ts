/**
 * Independent, test-only walkers over the three containers, written separately from the code
 * under test so a shared misreading of a format cannot hide itself.
 */

const latin1 = new TextDecoder('latin1');

export interface Part {
  /** Chunk type / FourCC, or the JPEG marker as `FFxx`. */
  type: string;
  /** The whole chunk or segment, header and all. */
  bytes: Uint8Array;
  data: Uint8Array;
}

export function jpegSegments(bytes: Uint8Array): { segments: Part[]; scan: Uint8Array } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments: Part[] = [];
  let pos = 2;
  while (bytes[pos + 1] !== 0xda) {
    const length = dv.getUint16(pos + 2);
    const type = `FF${(bytes[pos + 1] ?? 0).toString(16).toUpperCase()}`;
    segments.push({
      type,
      bytes: bytes.subarray(pos, pos + 2 + length),
      data: bytes.subarray(pos + 4, pos + 2 + length),
    });
    pos += 2 + length;
  }
  return { segments, scan: bytes.subarray(pos) };
}

export function pngChunks(bytes: Uint8Array): Part[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Part[] = [];
  for (let pos = 8; pos < bytes.length;) {
    const length = dv.getUint32(pos);
    const type = latin1.decode(bytes.subarray(pos + 4, pos + 8));
    chunks.push({
      type,
      bytes: bytes.subarray(pos, pos + 12 + length),
      data: bytes.subarray(pos + 8, pos + 8 + length),
    });
    pos += 12 + length;
  }
  return chunks;
}

export function webpChunks(bytes: Uint8Array): Part[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Part[] = [];
  for (let pos = 12; pos < bytes.length;) {
    const size = dv.getUint32(pos + 4, true);
    const type = latin1.decode(bytes.subarray(pos, pos + 4));
    const padded = size + (size % 2);
    chunks.push({ type, bytes: bytes.subarray(pos, pos + 8 + padded), data: bytes.subarray(pos + 8, pos + 8 + size) });
    pos += 8 + padded;
  }
  return chunks;
}

export function startsWith(data: Uint8Array, text: string): boolean {
  return latin1.decode(data.subarray(0, text.length)) === text;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
