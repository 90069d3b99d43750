import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../files/inputs';
import { readRecord } from '../../metadata';
import { exiftool, exiftoolStatus } from '../../../../test/support/metadata-fixtures';
import { addImages, openTestLibrary, tempHome, type TestLibrary } from '../../../../test/support/library-test-kit';
import { DEFAULT_EXPORT_OPTIONS } from '../../../../shared/export-preset';
import { absolutePath } from '../files/library-paths';

let t: TestLibrary;
afterEach(async () => t?.close());

function libraryFile(id: string): string {
  return absolutePath(t.home, t.library.getGeneration(id)!.file);
}

describe('export presets', () => {
  it('names copies from a template, numbering collisions and never overwriting a file already there', async () => {
    t = await openTestLibrary();
    const ids = await addImages(t, 3, (i) => ({ prompt: i < 2 ? 'Fox: in snow?' : 'owl', seed: i < 2 ? 7 : 8 }));
    const destination = tempHome('seedbank-export-');
    fs.writeFileSync(path.join(destination, '2026-11-03-owl-8.jpg'), 'a person’s own file');
    const result = await t.library.export({
      ids,
      destination,
      options: { ...DEFAULT_EXPORT_OPTIONS, nameTemplate: '{date}-{prompt:40}-{seed}' },
    });
    expect(result).toMatchObject({ done: 3, failed: 0 });
    expect(fs.readdirSync(destination).sort()).toEqual([
      '2026-11-03-Fox_ in snow_-7-2.jpg',
      '2026-11-03-Fox_ in snow_-7.jpg',
      '2026-11-03-owl-8-2.jpg',
      '2026-11-03-owl-8.jpg',
      'manifest.json',
    ]);
    expect(fs.readFileSync(path.join(destination, '2026-11-03-owl-8.jpg'), 'utf8')).toBe('a person’s own file');
  });

  it('converts to WebP at a longest side, leaving the original untouched, and the copy carries the record', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1, () => ({ prompt: 'moss garden, macro', seed: 1234 }))) as [string];
    t.library.rate([id], 4);
    await t.library.flushWriteBack();
    const original = libraryFile(id);
    const before = sha256Hex(fs.readFileSync(original));
    const destination = tempHome('seedbank-export-');
    const result = await t.library.export({
      ids: [id],
      destination,
      options: { ...DEFAULT_EXPORT_OPTIONS, nameTemplate: '{seed}-{prompt:4}', format: 'webp', maxSide: 16 },
    });
    expect(result).toMatchObject({ done: 1, failed: 0 });

    const copy = path.join(destination, '1234-moss.webp');
    const meta = await sharp(copy).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 16, height: 12 });
    expect(readRecord(fs.readFileSync(copy))).toMatchObject({
      id,
      prompt: 'moss garden, macro',
      seed: 1234,
      rating: 4,
      format: 'webp',
    });
    expect(sha256Hex(fs.readFileSync(original))).toBe(before);
  });

  it.skipIf(!exiftoolStatus().available)('writes a converted copy exiftool reads the record from', async () => {
    t = await openTestLibrary();
    const [id] = (await addImages(t, 1, () => ({ prompt: 'harbour lights', seed: 99 }))) as [string];
    const destination = tempHome('seedbank-export-');
    await t.library.export({
      ids: [id],
      destination,
      options: { ...DEFAULT_EXPORT_OPTIONS, nameTemplate: '{prompt:20}', format: 'png' },
    });
    const tags = exiftool(path.join(destination, 'harbour lights.png'), ['FileType', 'XMP:Description', 'XMP:all']);
    expect(tags).toMatchObject({ FileType: 'PNG', Description: 'harbour lights' });
    expect(JSON.stringify(tags)).toContain(id);
  });

  it('adds a PNG contact sheet with every image', async () => {
    t = await openTestLibrary();
    const ids = await addImages(t, 7);
    const destination = tempHome('seedbank-export-');
    const result = await t.library.export({
      ids,
      destination,
      options: { ...DEFAULT_EXPORT_OPTIONS, contactSheet: 'png' },
    });
    expect(result.message).toContain('contact sheet: contact-sheet.png');
    const sheet = await sharp(path.join(destination, 'contact-sheet.png')).metadata();
    // Five columns, two rows of 240-px cells with captions.
    expect(sheet).toMatchObject({ format: 'png', width: 16 + 5 * 256, height: 16 + 2 * (240 + 44 + 16) });
  });

  it('adds a PDF contact sheet that a PDF reader opens', async () => {
    t = await openTestLibrary();
    const ids = await addImages(t, 31);
    const destination = tempHome('seedbank-export-');
    await t.library.export({ ids, destination, options: { ...DEFAULT_EXPORT_OPTIONS, contactSheet: 'pdf' } });
    const pdf = path.join(destination, 'contact-sheet.pdf');
    expect(fs.readFileSync(pdf).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    if (exiftoolStatus().available) {
      const out = JSON.parse(
        execFileSync('exiftool', ['-json', '-PageCount', '-Warning', pdf], { encoding: 'utf8' }),
      ) as unknown[];
      // Thirty images a page: 31 images make two pages.
      expect(out[0]).toEqual({ SourceFile: pdf, PageCount: 2 });
    }
  });
});
