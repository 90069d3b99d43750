import { crc32, deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedRecord, readRecord } from './index';
import { equalBytes, pngChunks, startsWith } from '../../../test/support/metadata-containers';
import type { Part } from '../../../test/support/metadata-containers';
import { makeImage, sampleRecord } from '../../../test/support/metadata-fixtures';

const OPTIONS = { creatorTool: 'Seedbank test' };
const KEYWORD = 'XML:com.adobe.xmp\0';
const isXmp = (c: Part): boolean => c.type === 'iTXt' && startsWith(c.data, KEYWORD);

let png: Uint8Array = new Uint8Array();
beforeAll(async () => {
  png = await makeImage('png-alpha');
});

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), out.length - 4);
  return out;
}

describe('PNG embedding', () => {
  it('adds an uncompressed XMP iTXt chunk just before the first IDAT', () => {
    const chunks = pngChunks(embedRecord(png, sampleRecord({ format: 'png' }), OPTIONS));
    const at = chunks.findIndex(isXmp);
    expect(chunks[at + 1]?.type).toBe('IDAT');
    // keyword NUL, compression flag 0, method 0, empty language NUL, empty translation NUL
    expect([...(chunks[at]?.data.subarray(KEYWORD.length, KEYWORD.length + 4) ?? [])]).toEqual([0, 0, 0, 0]);
  });

  it('writes correct CRCs', () => {
    const chunks = pngChunks(embedRecord(png, sampleRecord({ format: 'png' }), OPTIONS));
    const bad = chunks.filter(
      (c) => Buffer.from(c.bytes).readUInt32BE(c.bytes.length - 4) !== crc32(c.bytes.subarray(4, c.bytes.length - 4)),
    );
    expect(bad).toEqual([]);
  });

  it('keeps every original chunk byte-identical and in order', () => {
    const before = pngChunks(png);
    const after = pngChunks(embedRecord(png, sampleRecord({ format: 'png' }), OPTIONS)).filter((c) => !isXmp(c));
    expect(after.map((c) => c.type)).toEqual(before.map((c) => c.type));
    expect(after.every((c, i) => equalBytes(c.bytes, before[i]?.bytes ?? new Uint8Array()))).toBe(true);
  });

  it('re-embedding leaves exactly one XMP chunk', () => {
    const twice = embedRecord(embedRecord(png, sampleRecord(), OPTIONS), sampleRecord({ tags: [] }), OPTIONS);
    expect(pngChunks(twice).filter(isXmp)).toHaveLength(1);
    expect(readRecord(twice)?.tags).toEqual([]);
  });

  it('reads a compressed XMP iTXt chunk as other tools may write it', () => {
    const record = sampleRecord({ format: 'png' });
    const chunks = pngChunks(embedRecord(png, record, OPTIONS));
    const xmp = chunks.find(isXmp);
    if (!xmp) throw new Error('no XMP chunk');
    const packet = xmp.data.subarray(KEYWORD.length + 4);
    const compressed = chunk(
      'iTXt',
      Buffer.concat([Buffer.from(KEYWORD, 'latin1'), Buffer.from([1, 0, 0, 0]), deflateSync(packet)]),
    );
    const rebuilt = Buffer.concat([
      Buffer.from(png.subarray(0, 8)),
      ...chunks.map((c) => (c === xmp ? compressed : Buffer.from(c.bytes))),
    ]);
    expect(readRecord(rebuilt)).toEqual(record);
  });
});
