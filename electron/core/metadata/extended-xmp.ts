/**
 * Extended XMP (XMP spec part 3, §1.1.3.1): when a packet does not fit one JPEG segment, the
 * largest properties move to a second packet named by its MD5 in `xmpNote:HasExtendedXMP`. The
 * small ones (id, model, dates, rating) stay in the standard packet so tools that ignore the
 * extension still see what the file is.
 */
import { createHash } from 'node:crypto';
import { fromUtf8, utf8 } from './bytes';
import { MAX_STANDARD_PACKET } from './jpeg';
import type { ExtendedPacket } from './jpeg';
import { findProperty, NS, parseXmp, serializeXmp } from './xmp';
import type { XmpProperty } from './xmp';

export interface JpegPackets {
  standard: Uint8Array;
  extended: ExtendedPacket | null;
}

function hasExtended(guid: string): XmpProperty {
  return { ns: NS.xmpNote, name: 'HasExtendedXMP', value: { kind: 'text', text: guid } };
}

function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex').toUpperCase();
}

export function splitForJpeg(properties: readonly XmpProperty[]): JpegPackets {
  const whole = utf8(serializeXmp(properties, { wrapper: true }));
  if (whole.length <= MAX_STANDARD_PACKET) return { standard: whole, extended: null };

  // Size the standard packet with a placeholder GUID of the real length.
  const placeholder = hasExtended('0'.repeat(32));
  const size = (p: XmpProperty): number => utf8(serializeXmp([p], { wrapper: false })).length;
  const largestFirst = [...properties].sort((a, b) => size(b) - size(a));
  const moved = new Set<XmpProperty>();
  const standardOf = (): XmpProperty[] => [...properties.filter((p) => !moved.has(p)), placeholder];
  for (const property of largestFirst) {
    if (utf8(serializeXmp(standardOf(), { wrapper: true })).length <= MAX_STANDARD_PACKET) break;
    moved.add(property);
  }

  const packet = utf8(
    serializeXmp(
      properties.filter((p) => moved.has(p)),
      { wrapper: false },
    ),
  );
  const guid = md5Hex(packet);
  const standardProps = [...properties.filter((p) => !moved.has(p)), hasExtended(guid)];
  return { standard: utf8(serializeXmp(standardProps, { wrapper: true })), extended: { guid, packet } };
}

/**
 * Properties of the standard packet plus those of the extended packet it names. An extended
 * packet whose MD5 does not match its GUID is damaged and ignored, as the spec asks.
 */
export function joinJpegXmp(standard: Uint8Array, extended: ReadonlyMap<string, Uint8Array>): XmpProperty[] {
  const properties = parseXmp(fromUtf8(standard));
  const named = findProperty(properties, NS.xmpNote, 'HasExtendedXMP');
  const own = properties.filter((p) => !(p.ns === NS.xmpNote && p.name === 'HasExtendedXMP'));
  if (named?.kind !== 'text') return own;
  const packet = extended.get(named.text);
  if (!packet || md5Hex(packet) !== named.text) return own;
  return [...own, ...parseXmp(fromUtf8(packet))];
}
