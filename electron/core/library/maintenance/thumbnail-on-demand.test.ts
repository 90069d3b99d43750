/**
 * A tile may ask for an image's thumbnail before the background pass has made it (right after an
 * import: import no longer makes thumbnails inline). The front doors call `thumbnailOnDemand`
 * first, so the thumbnail is made then and the tile never gets a 404 for an image the library has.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../test/support/temp';
import { makeImageBytes, openTestLibrary, type TestLibrary } from '../../../../test/support/library-test-kit';

let t: TestLibrary | null = null;
afterEach(async () => {
  if (!t) return;
  await t.close();
  fs.rmSync(t.home, { recursive: true, force: true });
  t = null;
});

async function importOne(): Promise<{ lib: TestLibrary; id: string; thumb: string }> {
  const lib = await openTestLibrary(undefined, { thumbnailsAfterTasks: false });
  t = lib;
  const source = makeTempDir('seedbank-import-src-');
  try {
    fs.writeFileSync(path.join(source, 'kitchen.png'), await makeImageBytes('png', 80, 60));
    await lib.library.import(source);
  } finally {
    fs.rmSync(source, { recursive: true, force: true });
  }
  const [item] = lib.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 1 }).items;
  if (!item) throw new Error('the import added nothing');
  return { lib, id: item.id, thumb: path.join(lib.home, 'thumbs', `${item.id}.webp`) };
}

describe('thumbnails on demand', () => {
  it('makes the thumbnail of a just-imported image when a page asks for it', async () => {
    const { lib, id, thumb } = await importOne();
    expect(fs.existsSync(thumb)).toBe(false);

    await lib.library.thumbnailOnDemand(`thumbs/${id}.webp`);

    const meta = await sharp(thumb).metadata();
    expect(meta.format).toBe('webp');
    // Marked made: the background pass will not make it again.
    expect(lib.ctx.db.prepare('SELECT thumb_made_at FROM generations WHERE id = ?').get(id)).not.toEqual({
      thumb_made_at: null,
    });
  });

  it('makes nothing for a path that is not a live thumbnail of a known image', async () => {
    const { lib, id, thumb } = await importOne();
    for (const raw of [`thumbs/${id}.png`, `thumbs/../thumbs/${id}.webp`, 'thumbs/nobody.webp', `images/${id}.webp`])
      await lib.library.thumbnailOnDemand(raw);
    expect(fs.existsSync(thumb)).toBe(false);

    await lib.library.trash([id]);
    await lib.library.thumbnailOnDemand(`thumbs/${id}.webp`);
    expect(fs.existsSync(thumb)).toBe(false);
    expect(fs.existsSync(path.join(lib.home, 'trash', 'thumbs', `${id}.webp`))).toBe(false);
  });
});
