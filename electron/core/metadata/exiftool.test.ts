/**
 * Interoperability: what Seedbank writes must be what other tools read, and edits other tools
 * make must come back through readRecord. exiftool stands in for "other tools".
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp';
import { embedRecord, readRecord } from './index';
import { exiftool, exiftoolStatus, FIXTURES, makeImage, sampleRecord } from '../../../test/support/metadata-fixtures';

const OPTIONS = { creatorTool: 'Seedbank 0.1.0 (test)' };
const status = exiftoolStatus();
if (!status.available) console.warn(`Skipping exiftool interoperability tests: ${status.reason}`);

describe.skipIf(!status.available)('exiftool', () => {
  let dir = '';
  beforeAll(async () => {
    dir = makeTempDir('seedbank-exiftool-');
  });

  async function embeddedFile(name: (typeof FIXTURES)[number], prompt: string): Promise<string> {
    const file = path.join(dir, `${name}-${prompt.length}.img`);
    await writeFile(file, embedRecord(await makeImage(name), sampleRecord({ prompt }), OPTIONS));
    return file;
  }

  it.each(FIXTURES)('reads the prompt, rating and keywords from %s', async (name) => {
    const prompt = 'A "quoted" <tag> & \'apostrophe\'\nsecond line 🌱 種子';
    const tags = exiftool(await embeddedFile(name, prompt), ['XMP:Description', 'XMP:Rating', 'XMP:Subject']);
    expect(tags).toMatchObject({ Description: prompt, Rating: 4, Subject: ['moss', 'macro photo', 'ünïcødé 🌿'] });
  });

  // Compared with the original: sharp's own WebP EXIF chunk already draws a minor warning.
  it.each(FIXTURES)('adds no validation warning to %s', async (name) => {
    const original = path.join(dir, `${name}-original.img`);
    await writeFile(original, await makeImage(name));
    const embedded = await embeddedFile(name, 'plain prompt');
    const validate = (file: string): unknown => exiftool(file, ['validate', 'Warning', 'Error']).Validate;
    expect(validate(embedded)).toBe(validate(original));
  });

  it('reads a 200 kB prompt stored as Extended XMP in a JPEG', async () => {
    const prompt = `${'long prompt with <markup> & more. '.repeat(6_000)}end`;
    expect(prompt.length).toBeGreaterThan(200_000);
    const tags = exiftool(await embeddedFile('jpeg', prompt), ['XMP:Description']);
    expect(tags.Description).toBe(prompt);
  });

  it('a rating and keywords changed by exiftool come back through readRecord', async () => {
    const file = await embeddedFile('jpeg', 'rate me');
    execFileSync('exiftool', ['-overwrite_original', '-XMP:Rating=2', '-XMP:Subject=edited elsewhere', file]);
    const record = readRecord(await readFile(file));
    expect(record).toEqual(sampleRecord({ prompt: 'rate me', rating: 2, tags: ['edited elsewhere'] }));
  });

  it('a rating changed by exiftool in a file with Extended XMP comes back with the long prompt', async () => {
    const prompt = `${'long '.repeat(40_000)}end`;
    const file = await embeddedFile('jpeg', prompt);
    execFileSync('exiftool', ['-overwrite_original', '-XMP:Rating=5', file]);
    expect(readRecord(await readFile(file))).toEqual(sampleRecord({ prompt, rating: 5 }));
  });

  it('keeps XMP that another tool wrote when embedding a record', async () => {
    const file = path.join(dir, 'foreign.png');
    await writeFile(file, await makeImage('png'));
    execFileSync('exiftool', ['-overwrite_original', '-XMP-photoshop:Credit=Studio X', '-XMP-xmp:Label=Red', file]);
    await writeFile(file, embedRecord(await readFile(file), sampleRecord({ format: 'png' }), OPTIONS));
    expect(exiftool(file, ['XMP:Credit', 'XMP:Label'])).toMatchObject({ Credit: 'Studio X', Label: 'Red' });
  });

  it('a file with only foreign XMP has no Seedbank record', async () => {
    const file = path.join(dir, 'foreign-only.webp');
    await writeFile(file, await makeImage('webp-lossy'));
    execFileSync('exiftool', ['-overwrite_original', '-XMP-dc:Description=not ours', file]);
    expect(readRecord(await readFile(file))).toBeNull();
  });
});
