import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedRecord, readRecord } from './index';
import { equalBytes, jpegSegments, startsWith } from '../../../test/support/metadata-containers';
import type { Part } from '../../../test/support/metadata-containers';
import { makeImage, sampleRecord } from '../../../test/support/metadata-fixtures';

const OPTIONS = { creatorTool: 'Seedbank test' };
const STANDARD = 'http://ns.adobe.com/xap/1.0/\0';
const EXTENDED = 'http://ns.adobe.com/xmp/extension/\0';
const isXmp = (s: Part): boolean => s.type === 'FFE1' && (startsWith(s.data, STANDARD) || startsWith(s.data, EXTENDED));
const isExtended = (s: Part): boolean => s.type === 'FFE1' && startsWith(s.data, EXTENDED);

let plain: Uint8Array = new Uint8Array();
let withExif: Uint8Array = new Uint8Array();
beforeAll(async () => {
  plain = await makeImage('jpeg');
  withExif = await makeImage('jpeg-exif');
});

describe('JPEG embedding', () => {
  // sharp writes no JFIF APP0, so add one the way cameras and browsers write it.
  function withJfif(bytes: Uint8Array): Uint8Array {
    const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    return Buffer.concat([bytes.subarray(0, 2), app0, bytes.subarray(2)]);
  }

  it('puts the XMP segment after the JFIF APP0 and the EXIF APP1', () => {
    const { segments } = jpegSegments(embedRecord(withJfif(withExif), sampleRecord(), OPTIONS));
    expect(
      segments
        .slice(0, 3)
        .map((s) => [
          s.type,
          startsWith(s.data, 'JFIF\0') || startsWith(s.data, 'Exif\0\0') || startsWith(s.data, STANDARD),
        ]),
    ).toEqual([
      ['FFE0', true],
      ['FFE1', true],
      ['FFE1', true],
    ]);
    expect(startsWith(segments[2]?.data ?? new Uint8Array(), STANDARD)).toBe(true);
  });

  it('puts the XMP segment first when there is no APP0 or EXIF', () => {
    const { segments } = jpegSegments(embedRecord(plain, sampleRecord(), OPTIONS));
    expect(isXmp(segments[0] ?? { type: '', bytes: new Uint8Array(), data: new Uint8Array() })).toBe(true);
  });

  it('keeps every original segment and the scan data byte-identical', () => {
    const before = jpegSegments(withExif);
    const after = jpegSegments(embedRecord(withExif, sampleRecord(), OPTIONS));
    const kept = after.segments.filter((s) => !isXmp(s));
    expect(kept.length).toBe(before.segments.length);
    expect(kept.every((s, i) => equalBytes(s.bytes, before.segments[i]?.bytes ?? new Uint8Array()))).toBe(true);
    expect(equalBytes(after.scan, before.scan)).toBe(true);
  });

  it('re-embedding leaves exactly one XMP segment', () => {
    const twice = embedRecord(embedRecord(plain, sampleRecord(), OPTIONS), sampleRecord({ rating: 2 }), OPTIONS);
    expect(jpegSegments(twice).segments.filter(isXmp)).toHaveLength(1);
  });
});

describe('Extended XMP', () => {
  const hugePrompt = `${'a very long prompt, '.repeat(10_000)}🌱 end`;

  it('round-trips a record with a ~200 kB prompt', () => {
    const record = sampleRecord({ prompt: hugePrompt });
    expect(readRecord(embedRecord(plain, record, OPTIONS))).toEqual(record);
  });

  it('splits into segments that each fit the 64 kB segment limit', () => {
    const { segments } = jpegSegments(embedRecord(plain, sampleRecord({ prompt: hugePrompt }), OPTIONS));
    expect(segments.filter(isExtended).length).toBeGreaterThanOrEqual(4);
    expect(segments.every((s) => s.bytes.length <= 0xffff + 2)).toBe(true);
  });

  it('names the extended packet by the uppercase MD5 of its bytes', () => {
    const { segments } = jpegSegments(embedRecord(plain, sampleRecord({ prompt: hugePrompt }), OPTIONS));
    const standard = new TextDecoder().decode(segments.find((s) => startsWith(s.data, STANDARD))?.data);
    const parts = segments.filter(isExtended).map((s) => s.data.subarray(EXTENDED.length));
    const guid = new TextDecoder().decode(parts[0]?.subarray(0, 32));
    const packet = Buffer.concat(parts.map((p) => p.subarray(40)));
    expect(guid).toBe(createHash('md5').update(packet).digest('hex').toUpperCase());
    expect(standard).toMatch(new RegExp(`<xmpNote:HasExtendedXMP>${guid}</xmpNote:HasExtendedXMP>`));
  });

  it('keeps the id and model in the standard packet for readers without extension support', () => {
    const { segments } = jpegSegments(embedRecord(plain, sampleRecord({ prompt: hugePrompt }), OPTIONS));
    const standard = new TextDecoder().decode(segments.find((s) => startsWith(s.data, STANDARD))?.data);
    expect(standard).toContain('<seedbank:Id>');
    expect(standard).toContain('<seedbank:Model>');
    expect(standard).not.toContain('a very long prompt');
  });

  it('re-embedding a short record removes the old extension segments', () => {
    const big = embedRecord(plain, sampleRecord({ prompt: hugePrompt }), OPTIONS);
    const small = embedRecord(big, sampleRecord({ prompt: 'short again' }), OPTIONS);
    expect(jpegSegments(small).segments.filter(isXmp)).toHaveLength(1);
    expect(readRecord(small)?.prompt).toBe('short again');
  });

  it('ignores an extension whose bytes no longer match its MD5', () => {
    const big = embedRecord(plain, sampleRecord({ prompt: hugePrompt }), OPTIONS);
    const damaged = big.slice();
    const extension = jpegSegments(damaged).segments.find(isExtended);
    if (!extension) throw new Error('no extension segment');
    const at = extension.data.length - 10; // a byte inside the packet, not the header
    extension.data[at] = (extension.data[at] ?? 0) ^ 0x01;
    expect(readRecord(damaged)?.prompt).toBe('');
  });
});
