/** Byte helpers shared by the container writers: the containers differ in endianness only. */
import { SeedbankError } from '../../../shared/errors';

const utf8Encoder = new TextEncoder();
// Not fatal: a stray invalid byte in someone else's XMP should not hide the rest of the packet.
const utf8Decoder = new TextDecoder('utf-8');
const latin1Decoder = new TextDecoder('latin1');

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

export function ascii(bytes: Uint8Array, start: number, length: number): string {
  return latin1Decoder.decode(bytes.subarray(start, start + length));
}

export function startsWithAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The error every writer throws for input it cannot safely rewrite. */
export function invalidImage(message: string): SeedbankError {
  return new SeedbankError('INVALID_INPUT', message);
}
