import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp';
import { SeedbankError } from '../../../shared/errors';
import { detectFormat, embedRecord, readRecord, readRecordFromFile, writeRecordToFile } from './index';
import { decodedPixels, FIXTURES, makeImage, sampleRecord } from '../../../test/support/metadata-fixtures';
import type { FixtureName } from '../../../test/support/metadata-fixtures';

const OPTIONS = { creatorTool: 'Seedbank 0.1.0 (test)' };
const images = new Map<FixtureName, Uint8Array>();

beforeAll(async () => {
  for (const name of FIXTURES) images.set(name, await makeImage(name));
});

function fixture(name: FixtureName): Uint8Array {
  const bytes = images.get(name);
  if (!bytes) throw new Error(`fixture ${name} missing`);
  return bytes;
}

describe.each(FIXTURES)('%s', (name) => {
  it('gives back a deep-equal record with awkward text', () => {
    const record = sampleRecord({ format: detectFormat(fixture(name)) ?? 'jpeg' });
    expect(readRecord(embedRecord(fixture(name), record, OPTIONS))).toEqual(record);
  });

  it('keeps the decoded pixels identical', async () => {
    const embedded = embedRecord(fixture(name), sampleRecord(), OPTIONS);
    expect((await decodedPixels(embedded)).equals(await decodedPixels(fixture(name)))).toBe(true);
  });

  it('still decodes with sharp at the original size', async () => {
    const meta = await sharp(embedRecord(fixture(name), sampleRecord(), OPTIONS)).metadata();
    const original = await sharp(fixture(name)).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual([
      original.format,
      original.width,
      original.height,
      original.hasAlpha,
    ]);
  });

  it('replaces the record on re-embedding instead of adding a second one', () => {
    const first = embedRecord(fixture(name), sampleRecord(), OPTIONS);
    const changed = sampleRecord({ rating: 1, favorite: false, tags: ['rerated'] });
    const second = embedRecord(first, changed, OPTIONS);
    expect(readRecord(second)).toEqual(changed);
    // Same-sized record content both times, so a duplicate packet would show as growth.
    expect(Math.abs(second.length - first.length)).toBeLessThan(200);
  });

  it('has no record before embedding', () => {
    expect(readRecord(fixture(name))).toBeNull();
  });
});

describe('detectFormat', () => {
  it('names each container from its bytes', () => {
    expect(['jpeg', 'png', 'webp-lossy'].map((n) => detectFormat(fixture(n as FixtureName)))).toEqual([
      'jpeg',
      'png',
      'webp',
    ]);
  });

  it('returns null for anything else', () => {
    expect(detectFormat(new TextEncoder().encode('GIF89a........'))).toBeNull();
  });
});

describe('damaged input', () => {
  const garbage = [
    new Uint8Array(0),
    new TextEncoder().encode('hello world, not an image'),
    Uint8Array.from({ length: 4096 }, (_, i) => (i * 131) % 256),
  ];

  it('readRecord returns null for garbage', () => {
    expect(garbage.map(readRecord)).toEqual([null, null, null]);
  });

  it('readRecord returns null for an embedded file cut inside its metadata', () => {
    const cuts = FIXTURES.filter((n) => !n.startsWith('webp')).map((n) =>
      embedRecord(fixture(n), sampleRecord(), OPTIONS).subarray(0, 300),
    );
    expect(cuts.map(readRecord)).toEqual(cuts.map(() => null));
  });

  it('readRecord returns null for a WebP whose XMP chunk is cut off at the end', () => {
    const embedded = embedRecord(fixture('webp-lossy'), sampleRecord(), OPTIONS);
    expect(readRecord(embedded.subarray(0, embedded.length - 100))).toBeNull();
  });

  it('embedRecord throws INVALID_INPUT for garbage', () => {
    for (const bytes of garbage) {
      expect(() => embedRecord(bytes, sampleRecord(), OPTIONS)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', message: 'Not a JPEG, PNG or WebP file' }),
      );
    }
  });

  it.each(FIXTURES)('embedRecord throws INVALID_INPUT for a truncated %s', (name) => {
    const bytes = fixture(name);
    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));
    expect(() => embedRecord(truncated, sampleRecord(), OPTIONS)).toThrow(SeedbankError);
    expect(() => embedRecord(truncated, sampleRecord(), OPTIONS)).toThrow(/truncated/i);
  });

  it('embedRecord refuses a record that could not be read back exactly', () => {
    expect(() => embedRecord(fixture('png'), sampleRecord({ rating: 7 }), OPTIONS)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'rating' }),
    );
  });
});

describe('file helpers', () => {
  let dir = '';
  beforeAll(async () => {
    dir = makeTempDir('seedbank-metadata-');
  });

  it('writeRecordToFile embeds in place and readRecordFromFile reads it back', async () => {
    const file = path.join(dir, 'image.webp');
    await writeFile(file, fixture('webp-alpha'));
    const record = sampleRecord({ format: 'webp' });
    await writeRecordToFile(file, record, OPTIONS);
    expect(await readRecordFromFile(file)).toEqual(record);
  });

  it('writeRecordToFile leaves no temporary file behind', async () => {
    const file = path.join(dir, 'clean.png');
    await writeFile(file, fixture('png'));
    await writeRecordToFile(file, sampleRecord({ format: 'png' }), OPTIONS);
    expect((await readdir(dir)).filter((f) => f.includes('clean'))).toEqual(['clean.png']);
  });

  it('writeRecordToFile leaves a damaged file untouched when it refuses it', async () => {
    const file = path.join(dir, 'broken.jpg');
    const truncated = fixture('jpeg').subarray(0, 100);
    await writeFile(file, truncated);
    await expect(writeRecordToFile(file, sampleRecord(), OPTIONS)).rejects.toThrow(SeedbankError);
    expect(Buffer.compare(await readFile(file), truncated)).toBe(0);
  });
});
