/**
 * Import speed rests on reading each file once: the source is read, its record made and the
 * copy written from those bytes; the copy is indexed from what was written, not read back.
 * The count is of real reads (`fs.promises.readFile`, which every reader here goes through).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { A1111_TEXT, comfyGraph, withPngTexts } from '../../../../test/support/foreign-fixtures';
import { embedRecord } from '../../metadata';
import {
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  tempHome,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';
import { importDirectory } from './import';

let t: TestLibrary;
let restore: (() => void) | null = null;
afterEach(async () => {
  restore?.();
  restore = null;
  await t?.close();
});

/** Records the path of every `fs.promises.readFile` from here on (live bindings see the swap). */
function countReads(): string[] {
  const original = fsp.readFile;
  const reads: string[] = [];
  fsp.readFile = ((file: Parameters<typeof original>[0], ...rest: [never]) => {
    reads.push(typeof file === 'string' ? file : file instanceof URL ? file.pathname : '(handle)');
    return original(file, ...rest);
  }) as typeof original;
  syncBuiltinESMExports();
  restore = () => {
    fsp.readFile = original;
    syncBuiltinESMExports();
  };
  return reads;
}

describe('import reads each file once', () => {
  it('reads every source image once and never reads its library copy back', async () => {
    t = await openTestLibrary();
    const source = tempHome('seedbank-import-reads-');
    const png = (n: number) => makeImageBytes('png', 64, 48, n);
    const files: Record<string, Uint8Array> = {
      'a1111.png': withPngTexts(await png(1), [{ type: 'tEXt', keyword: 'parameters', text: A1111_TEXT }]),
      'comfy.png': withPngTexts(await png(2), [
        { type: 'tEXt', keyword: 'prompt', text: JSON.stringify(comfyGraph()) },
      ]),
      'plain.webp': await makeImageBytes('webp', 64, 48, 3),
      // A Seedbank image exported from another library.
      'seedbank.jpg': embedRecord(await makeImageBytes('jpeg', 64, 48, 4), makeRecord(), { creatorTool: 'other' }),
    };
    for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(source, name), bytes);

    const reads = countReads();
    const outcome = await importDirectory(t.ctx, source);
    restore?.();
    expect(outcome).toMatchObject({ imported: 4, duplicates: 0, unreadable: [] });
    const images = reads.filter((file) => /\.(png|jpe?g|webp)$/i.test(file));
    expect(images.filter((file) => file.startsWith(source)).sort()).toEqual(
      Object.keys(files)
        .map((name) => path.join(source, name))
        .sort(),
    );
    expect(images.filter((file) => file.startsWith(t.home))).toEqual([]);
  });
});
