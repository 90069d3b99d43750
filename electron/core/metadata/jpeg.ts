/**
 * XMP in JPEG (XMP spec part 3, §1.1.3): the standard packet in one APP1 segment, and when it
 * does not fit, Extended XMP in further APP1 segments. Only the segments before the first SOS are
 * touched; everything from SOS on (the entropy-coded image and whatever follows) is copied as is.
 */
import { ascii, concat, invalidImage, startsWithAscii, utf8, view } from './bytes';

const STANDARD_HEADER = 'http://ns.adobe.com/xap/1.0/\0';
const EXTENDED_HEADER = 'http://ns.adobe.com/xmp/extension/\0';
const EXIF_HEADER = 'Exif\0\0';
const APP0 = 0xe0;
const APP1 = 0xe1;
const SOS = 0xda;
const EOI = 0xd9;
/** A segment's 16-bit length counts itself, so the payload is at most 65535 - 2 bytes. */
const MAX_PAYLOAD = 0xffff - 2;
/** GUID (32) + full length (4) + offset (4) after the extension header. */
const EXTENDED_PREFIX = EXTENDED_HEADER.length + 32 + 8;
export const MAX_STANDARD_PACKET = MAX_PAYLOAD - STANDARD_HEADER.length;
const EXTENDED_CHUNK = MAX_PAYLOAD - EXTENDED_PREFIX;

interface Segment {
  marker: number;
  /** Offset of the 0xFF that starts the marker. */
  start: number;
  end: number;
  payloadStart: number;
}

interface JpegLayout {
  segments: Segment[];
  /** Offset of the SOS marker: the image data starts here. */
  imageStart: number;
}

function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

function parseLayout(bytes: Uint8Array): JpegLayout {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw invalidImage('Not a JPEG file (no SOI marker)');
  const segments: Segment[] = [];
  let pos = 2;
  for (;;) {
    if (pos + 1 >= bytes.length) throw invalidImage('JPEG is truncated before its image data');
    if (bytes[pos] !== 0xff) throw invalidImage(`JPEG is corrupt: expected a marker at offset ${pos}`);
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[pos + 1] === 0xff && pos + 2 < bytes.length) pos++;
    const marker = bytes[pos + 1] ?? 0;
    if (marker === SOS) return { segments, imageStart: pos };
    if (marker === EOI) throw invalidImage('JPEG ends before any image data');
    if (isStandalone(marker)) {
      segments.push({ marker, start: pos, end: pos + 2, payloadStart: pos + 2 });
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) throw invalidImage('JPEG is truncated inside a segment header');
    const length = view(bytes).getUint16(pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length)
      throw invalidImage(`JPEG is truncated: segment at offset ${pos} runs past the end`);
    segments.push({ marker, start: pos, end, payloadStart: pos + 4 });
    pos = end;
  }
}

/** Entropy-coded data never holds FF D9 (a literal FF is stuffed as FF 00), so its presence
 * after SOS means the image data is complete. Searched from the end, where it almost always is. */
function hasEndMarker(bytes: Uint8Array, imageStart: number): boolean {
  for (let i = bytes.length - 2; i > imageStart; i--) if (bytes[i] === 0xff && bytes[i + 1] === EOI) return true;
  return false;
}

function isXmpSegment(bytes: Uint8Array, segment: Segment): boolean {
  return (
    segment.marker === APP1 &&
    (startsWithAscii(bytes, segment.payloadStart, STANDARD_HEADER) ||
      startsWithAscii(bytes, segment.payloadStart, EXTENDED_HEADER))
  );
}

function app1(payloadParts: readonly Uint8Array[]): Uint8Array {
  const payload = concat(payloadParts);
  if (payload.length > MAX_PAYLOAD) throw new Error('APP1 payload too large');
  const header = new Uint8Array(4);
  header[0] = 0xff;
  header[1] = APP1;
  view(header).setUint16(2, payload.length + 2);
  return concat([header, payload]);
}

export interface ExtendedPacket {
  /** MD5 of `packet`, 32 uppercase hex digits, as named by xmpNote:HasExtendedXMP. */
  guid: string;
  packet: Uint8Array;
}

function extendedSegments(extended: ExtendedPacket): Uint8Array[] {
  const segments: Uint8Array[] = [];
  const total = extended.packet.length;
  for (let offset = 0; offset < total; offset += EXTENDED_CHUNK) {
    const numbers = new Uint8Array(8);
    view(numbers).setUint32(0, total);
    view(numbers).setUint32(4, offset);
    const chunk = extended.packet.subarray(offset, Math.min(total, offset + EXTENDED_CHUNK));
    segments.push(app1([utf8(EXTENDED_HEADER), utf8(extended.guid), numbers, chunk]));
  }
  return segments;
}

/**
 * Returns a copy of the JPEG with its XMP replaced: earlier standard and extended XMP segments
 * are dropped, the new ones go after SOI, JFIF APP0 and EXIF APP1 (where readers expect them).
 */
export function writeJpegXmp(bytes: Uint8Array, standard: Uint8Array, extended: ExtendedPacket | null): Uint8Array {
  if (standard.length > MAX_STANDARD_PACKET) throw new Error('Standard XMP packet does not fit one APP1 segment');
  const { segments, imageStart } = parseLayout(bytes);
  if (!hasEndMarker(bytes, imageStart)) throw invalidImage('JPEG is truncated: no EOI marker after the image data');
  const kept = segments.filter((segment) => !isXmpSegment(bytes, segment));
  let insertAt = 0;
  while (insertAt < kept.length) {
    const segment = kept[insertAt];
    if (!segment) break;
    const leading =
      segment.marker === APP0 || (segment.marker === APP1 && startsWithAscii(bytes, segment.payloadStart, EXIF_HEADER));
    if (!leading) break;
    insertAt++;
  }
  const xmp = [app1([utf8(STANDARD_HEADER), standard]), ...(extended ? extendedSegments(extended) : [])];
  const slice = (segment: Segment): Uint8Array => bytes.subarray(segment.start, segment.end);
  return concat([
    bytes.subarray(0, 2),
    ...kept.slice(0, insertAt).map(slice),
    ...xmp,
    ...kept.slice(insertAt).map(slice),
    bytes.subarray(imageStart),
  ]);
}

export interface JpegXmp {
  standard: Uint8Array | null;
  /** Complete extended packets by GUID; the caller picks the one the standard packet names. */
  extended: Map<string, Uint8Array>;
}

/** Reads the XMP segments. Throws on a malformed header area (the caller treats that as "no record"). */
export function readJpegXmp(bytes: Uint8Array): JpegXmp {
  const { segments } = parseLayout(bytes);
  let standard: Uint8Array | null = null;
  const parts = new Map<string, { data: Uint8Array; received: number }>();
  for (const segment of segments) {
    if (segment.marker !== APP1) continue;
    if (standard === null && startsWithAscii(bytes, segment.payloadStart, STANDARD_HEADER)) {
      standard = bytes.subarray(segment.payloadStart + STANDARD_HEADER.length, segment.end);
    } else if (startsWithAscii(bytes, segment.payloadStart, EXTENDED_HEADER)) {
      const at = segment.payloadStart + EXTENDED_HEADER.length;
      if (at + 40 > segment.end) continue;
      const guid = ascii(bytes, at, 32);
      const total = view(bytes).getUint32(at + 32);
      const offset = view(bytes).getUint32(at + 36);
      const chunk = bytes.subarray(at + 40, segment.end);
      // A total larger than the file itself can only be garbage; never allocate for it.
      if (total > bytes.length || offset + chunk.length > total) continue;
      let part = parts.get(guid);
      if (!part) {
        part = { data: new Uint8Array(total), received: 0 };
        parts.set(guid, part);
      }
      if (part.data.length !== total) continue;
      part.data.set(chunk, offset);
      part.received += chunk.length;
    }
  }
  const extended = new Map<string, Uint8Array>();
  for (const [guid, part] of parts) if (part.received === part.data.length) extended.set(guid, part.data);
  return { standard, extended };
}

/**
 * The TIFF data of the first EXIF APP1 segment (after `Exif\0\0`), or null. Walks only the
 * segment headers and stops quietly at damage, so a truncated file still yields its EXIF.
 */
export function readJpegExif(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let pos = 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    while (bytes[pos + 1] === 0xff && pos + 2 < bytes.length) pos++;
    const marker = bytes[pos + 1] ?? 0;
    if (marker === SOS || marker === EOI) return null;
    if (isStandalone(marker)) {
      pos += 2;
      continue;
    }
    const length = view(bytes).getUint16(pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) return null;
    if (marker === APP1 && startsWithAscii(bytes, pos + 4, EXIF_HEADER)) {
      return bytes.subarray(pos + 4 + EXIF_HEADER.length, end);
    }
    pos = end;
  }
  return null;
}
