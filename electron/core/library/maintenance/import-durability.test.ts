/**
 * An import syncs each library folder it wrote into once per batch (not once per file), and
 * before the batch's rows are committed: a row never points at a copy whose name a crash
 * could still lose.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeImageBytes, openTestLibrary, tempHome, type TestLibrary } from '../../../../test/support/library-test-kit';
import { importDirectory } from './import';

let t: TestLibrary;
let restore: (() => void) | null = null;
afterEach(async () => {
  restore?.();
  restore = null;
  await t?.close();
});

describe('import durability', () => {
  it('syncs the folder of the copies once, before their rows exist', async () => {
    t = await openTestLibrary();
    const source = tempHome('seedbank-import-durability-');
    // Same modification time, so all copies land in one month folder.
    const when = new Date('2026-03-04T05:06:07Z');
    for (let n = 1; n <= 5; n++) {
      const file = path.join(source, `plain-${n}.png`);
      fs.writeFileSync(file, await makeImageBytes('png', 16, 16, n));
      fs.utimesSync(file, when, when);
    }
    const rowsWhenSynced: number[] = [];
    const original = fsp.open;
    fsp.open = ((file: Parameters<typeof original>[0], ...rest: [never]) => {
      // A folder opened to be synced: how many rows the library has at that moment.
      if (
        typeof file === 'string' &&
        file.startsWith(t.home) &&
        fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()
      ) {
        rowsWhenSynced.push((t.ctx.db.prepare('SELECT count(*) AS n FROM generations').get() as { n: number }).n);
      }
      return original(file, ...rest);
    }) as typeof original;
    syncBuiltinESMExports();
    restore = () => {
      fsp.open = original;
      syncBuiltinESMExports();
    };

    const outcome = await importDirectory(t.ctx, source);
    restore();
    restore = null;
    expect(outcome).toMatchObject({ imported: 5, unreadable: [] });
    expect(rowsWhenSynced).toEqual([0]);
  });
});
