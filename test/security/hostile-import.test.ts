/**
 * Issue 11 item 2: an imported file must not choose where Seedbank writes. The record id
 * embedded in an image is untrusted text; ids that are not the ids Seedbank issues get a new
 * id (the original kept in the record's notes), every path stays inside its own folder, and
 * the dimensions stored are the pixels' own, not what the record claims.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSeedbankId } from '../../electron/core/ids';
import { embedRecord, readRecord } from '../../electron/core/metadata';
import { addImages, makeImageBytes, makeRecord, openTestLibrary, type TestLibrary } from '../support/library-test-kit';
import { Tally } from './tally';

const tally = new Tally('hostile files on import and rebuild');
afterAll(() => tally.print());

const LIBRARY_FILE = /^(trash\/)?images\/\d{4}-\d{2}\/[0-9a-z]{26}\.(jpg|png|webp)$/;

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file), fs.readFileSync(file).toString('base64'));
  }
  return out;
}

describe('hostile files on import and rebuild', () => {
  let parent: string;
  let source: string;
  let t: TestLibrary;
  let existing: string;

  beforeEach(async () => {
    // The library sits inside its own temp folder, so anything written beside it is seen.
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-hostile-'));
    fs.mkdirSync(path.join(parent, 'home'));
    source = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-hostile-src-'));
    t = await openTestLibrary(path.join(parent, 'home'));
    [existing] = (await addImages(t, 1)) as [string];
  });

  afterEach(async () => {
    await t.close();
    fs.rmSync(parent, { recursive: true, force: true });
    fs.rmSync(source, { recursive: true, force: true });
  });

  const hostileIds = () => [
    `../images/2026-11/${existing}`,
    `../thumbs/${existing}`,
    '../../../escaped',
    '..\\..\\windows-escape',
    'x/../../inputs/evil',
    'UPPERCASE01234567890ABCDEF',
    '',
  ];

  it('ids that are not Seedbank ids get new ids, keep the original in the notes, and write only inside the library', async () => {
    const existingRow = t.library.getGeneration(existing);
    const before = tree(t.home);
    const ids = hostileIds().filter((id) => id !== '');
    for (const [i, id] of ids.entries()) {
      const bytes = embedRecord(await makeImageBytes('jpeg', 16, 16, i + 2), makeRecord({ id }), {
        creatorTool: 'hostile',
      });
      fs.writeFileSync(path.join(source, `h${i}.jpg`), bytes);
    }
    const result = await t.library.import(source);
    expect(result.done).toBe(ids.length);
    tally.add('hostile record id', ids.length);

    // Nothing written beside the library folder, and the existing image and thumbnail untouched.
    expect(fs.readdirSync(parent)).toEqual(['home']);
    const after = tree(t.home);
    for (const [file, bytes] of before) {
      if (file.startsWith('library.db') || file.startsWith('logs')) continue;
      expect(after.get(file), file).toBe(bytes);
    }
    expect(t.library.getGeneration(existing)).toEqual(existingRow);

    const rows = t.ctx.db.prepare('SELECT id, file FROM generations').all() as { id: string; file: string }[];
    expect(rows).toHaveLength(ids.length + 1);
    for (const row of rows) {
      expect(isSeedbankId(row.id), row.id).toBe(true);
      expect(row.file).toMatch(LIBRARY_FILE);
      const record = readRecord(new Uint8Array(fs.readFileSync(path.join(t.home, row.file))));
      expect(record?.id).toBe(row.id);
      if (row.id !== existing) expect(ids.some((id) => record?.notes?.includes(id))).toBe(true);
    }
    for (const file of after.keys()) {
      expect(file).toMatch(
        /^(library\.db(-wal|-shm)?|logs\/.*|images\/\d{4}-\d{2}\/[0-9a-z]{26}\.jpg|thumbs\/[0-9a-z]{26}\.webp)$/,
      );
    }
  });

  it('rebuild gives a file placed in the library with a hostile id a new id instead of following it', async () => {
    const month = path.join(t.home, 'images', '2026-11');
    const bytes = embedRecord(await makeImageBytes('jpeg', 16, 16, 9), makeRecord({ id: `../thumbs/${existing}` }), {
      creatorTool: 'hostile',
    });
    fs.writeFileSync(path.join(month, 'dropped-in.jpg'), bytes);
    const thumbBefore = fs.readFileSync(path.join(t.home, 'thumbs', `${existing}.webp`));
    await t.library.rebuild();
    tally.add('hostile record id');
    expect(fs.readFileSync(path.join(t.home, 'thumbs', `${existing}.webp`))).toEqual(thumbBefore);
    const rows = t.ctx.db.prepare('SELECT id, file FROM generations').all() as { id: string; file: string }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(isSeedbankId(row.id), row.id).toBe(true);
    expect(fs.readdirSync(parent)).toEqual(['home']);
  });

  it('stores the dimensions of the pixels, not those the record claims', async () => {
    const claim = makeRecord({ width: 100_000, height: 100_000 });
    fs.writeFileSync(
      path.join(source, 'tiny.jpg'),
      embedRecord(await makeImageBytes('jpeg', 1, 1), claim, { creatorTool: 'hostile' }),
    );
    await t.library.import(source);
    tally.add('record lying about its size');
    expect(t.library.getGeneration(claim.id)).toMatchObject({ width: 1, height: 1 });
  });

  it('refuses a decompression bomb (a small file declaring more pixels than any model makes)', async () => {
    // A PNG header declaring 60000×60000 (3.6 GP): sharp's pixel limit stops it before decoding.
    const bomb = await makeImageBytes('png', 1, 1);
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    view.setUint32(16, 60_000);
    view.setUint32(20, 60_000);
    const record = makeRecord();
    fs.writeFileSync(path.join(source, 'bomb.png'), embedRecord(bomb, record, { creatorTool: 'hostile' }));
    const result = await t.library.import(source);
    tally.add('decompression bomb');
    expect(result.failed).toBe(1);
    expect(t.library.getGeneration(record.id)).toBeNull();
  });
});

describe('damaged and disguised files on import (fast-check)', () => {
  let parent: string;
  let t: TestLibrary;
  const sources: string[] = [];

  beforeEach(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-hostile-files-'));
    fs.mkdirSync(path.join(parent, 'home'));
    t = await openTestLibrary(path.join(parent, 'home'));
  });

  afterEach(async () => {
    await t.close();
    fs.rmSync(parent, { recursive: true, force: true });
    for (const dir of sources.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

  /** Where the embedded record's text starts (XMP in JPEG/WebP, iTXt in PNG). */
  const recordAt = (bytes: Uint8Array) => Math.max(0, latin1(bytes).indexOf('seedbank'));

  type Mutation = { kind: string; apply: (bytes: Uint8Array) => Uint8Array; name: (ext: string) => string };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({
      kind: 'truncated file',
      apply: (b: Uint8Array) => b.subarray(0, Math.floor(b.length * at)),
      name: (ext: string) => `cut.${ext}`,
    })),
    fc.tuple(fc.nat(400), fc.uint8Array({ minLength: 1, maxLength: 40 })).map(([offset, junk]) => ({
      kind: 'malformed XMP / iTXt',
      apply: (b: Uint8Array) => {
        const copy = new Uint8Array(b);
        copy.set(junk.subarray(0, Math.max(0, copy.length - recordAt(b) - offset)), recordAt(b) + offset);
        return copy;
      },
      name: (ext: string) => `junk.${ext}`,
    })),
    fc.constantFrom(0, 1, 0xffff).map((length) => ({
      kind: 'lying segment or chunk length',
      apply: (b: Uint8Array) => {
        const copy = new Uint8Array(b);
        const view = new DataView(copy.buffer);
        // The length field right before the record's segment (JPEG APP1) or chunk (PNG iTXt / WebP XMP).
        const at = latin1(b).lastIndexOf(b[0] === 0xff ? '\xff\xe1' : b[0] === 0x89 ? 'iTXt' : 'XMP ', recordAt(b));
        if (at < 0) return copy;
        if (b[0] === 0xff) view.setUint16(at + 2, length);
        else if (b[0] === 0x89) view.setUint32(at - 4, length === 0xffff ? 0x7fffffff : length);
        else view.setUint32(at + 4, length === 0xffff ? 0x7fffffff : length, true);
        return copy;
      },
      name: (ext: string) => `length.${ext}`,
    })),
    fc.constantFrom('png', 'webp', 'jpg', 'txt', 'jpeg').map((wrong) => ({
      kind: 'wrong extension',
      apply: (b: Uint8Array) => b,
      name: () => `disguised.${wrong}`,
    })),
  );

  it('never writes outside its folders, never crashes, and indexes only valid ids', async () => {
    const originals = await Promise.all(
      (['jpeg', 'png', 'webp'] as const).map(async (format) =>
        embedRecord(await makeImageBytes(format, 24, 16), makeRecord({ format }), { creatorTool: 'hostile' }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 2), mutation, async (which, m) => {
        const source = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-hostile-files-src-'));
        sources.push(source);
        const original = originals[which]!;
        const ext = ['jpg', 'png', 'webp'][which]!;
        fs.writeFileSync(path.join(source, m.name(ext)), m.apply(original));
        const result = await t.library.import(source);
        expect(result.done + result.failed).toBeLessThanOrEqual(1);
        tally.add(m.kind);
      }),
      { numRuns: 40 },
    );
    expect(fs.readdirSync(parent)).toEqual(['home']);
    const rows = t.ctx.db.prepare('SELECT id, file FROM generations').all() as { id: string; file: string }[];
    for (const row of rows) {
      expect(isSeedbankId(row.id), row.id).toBe(true);
      expect(row.file).toMatch(LIBRARY_FILE);
    }
    await t.library.rebuild();
  });
});
