import { beforeAll, describe, expect, it } from 'vitest';
import { embedRecord, readRecord } from './index';
import { equalBytes, webpChunks } from '../../../test/support/metadata-containers';
import { FIXTURES, makeImage, sampleRecord } from '../../../test/support/metadata-fixtures';
import type { FixtureName } from '../../../test/support/metadata-fixtures';
import { WEBP_FLAGS } from './webp';

const OPTIONS = { creatorTool: 'Seedbank test' };
const WEBP_FIXTURES = FIXTURES.filter((name) => name.startsWith('webp'));
const images = new Map<FixtureName, Uint8Array>();

beforeAll(async () => {
  for (const name of WEBP_FIXTURES) images.set(name, await makeImage(name));
});

function fixture(name: FixtureName): Uint8Array {
  const bytes = images.get(name);
  if (!bytes) throw new Error(`fixture ${name} missing`);
  return bytes;
}

function vp8x(bytes: Uint8Array): { flags: number; width: number; height: number } {
  const data = Buffer.from(webpChunks(bytes)[0]?.data ?? []);
  return { flags: data[0] ?? 0, width: data.readUIntLE(4, 3) + 1, height: data.readUIntLE(7, 3) + 1 };
}

const embed = (name: FixtureName, prompt = 'p'): Uint8Array =>
  embedRecord(fixture(name), sampleRecord({ format: 'webp', prompt }), OPTIONS);

describe.each(WEBP_FIXTURES)('WebP %s', (name) => {
  it('becomes an extended file with the XMP flag and an XMP chunk at the end', () => {
    const chunks = webpChunks(embed(name));
    expect(chunks[0]?.type).toBe('VP8X');
    expect(chunks.at(-1)?.type).toBe('XMP ');
    expect(vp8x(embed(name)).flags & WEBP_FLAGS.FLAG_XMP).toBe(WEBP_FLAGS.FLAG_XMP);
  });

  it('keeps every original chunk but VP8X byte-identical and in order', () => {
    const before = webpChunks(fixture(name)).filter((c) => c.type !== 'VP8X');
    const after = webpChunks(embed(name)).filter((c) => c.type !== 'VP8X' && c.type !== 'XMP ');
    expect(after.map((c) => c.type)).toEqual(before.map((c) => c.type));
    expect(after.every((c, i) => equalBytes(c.bytes, before[i]?.bytes ?? new Uint8Array()))).toBe(true);
  });

  it('keeps the canvas size and every flag it had, adding only XMP', async () => {
    const original = webpChunks(fixture(name))[0]?.type === 'VP8X' ? vp8x(fixture(name)) : null;
    const embedded = vp8x(embed(name));
    expect([embedded.width, embedded.height]).toEqual([48, 32]);
    if (original) expect(embedded.flags).toBe(original.flags | WEBP_FLAGS.FLAG_XMP);
  });

  it('writes a RIFF size that matches the file, for odd and even XMP sizes', () => {
    for (const prompt of ['odd?', 'even']) {
      const bytes = embed(name, prompt);
      expect(Buffer.from(bytes).readUInt32LE(4)).toBe(bytes.length - 8);
      expect(webpChunks(bytes).reduce((sum, c) => sum + c.bytes.length, 12)).toBe(bytes.length);
      expect(readRecord(bytes)?.prompt).toBe(prompt);
    }
  });

  it('re-embedding leaves exactly one XMP chunk', () => {
    const twice = embedRecord(embed(name), sampleRecord({ rating: 0 }), OPTIONS);
    expect(webpChunks(twice).filter((c) => c.type === 'XMP ')).toHaveLength(1);
  });
});

describe('simple WebP conversion', () => {
  it('sets the alpha flag for a lossless image that uses alpha', () => {
    expect(vp8x(embed('webp-lossless-alpha')).flags & WEBP_FLAGS.FLAG_ALPHA).toBe(WEBP_FLAGS.FLAG_ALPHA);
  });

  it('leaves the alpha flag off for an opaque lossy or lossless image', () => {
    expect([embed('webp-lossy'), embed('webp-lossless')].map((b) => vp8x(b).flags)).toEqual([
      WEBP_FLAGS.FLAG_XMP,
      WEBP_FLAGS.FLAG_XMP,
    ]);
  });

  it('keeps ICC, EXIF and animation flags of an extended file', () => {
    const { flags } = vp8x(embed('webp-icc-exif'));
    expect(flags & (WEBP_FLAGS.FLAG_ICC | WEBP_FLAGS.FLAG_EXIF)).toBe(WEBP_FLAGS.FLAG_ICC | WEBP_FLAGS.FLAG_EXIF);
    expect(vp8x(embed('webp-animated')).flags & WEBP_FLAGS.FLAG_ANIMATION).toBe(WEBP_FLAGS.FLAG_ANIMATION);
  });
});
