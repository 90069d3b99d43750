import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GalleryItem, Generation } from '../../../../shared/types';
import { withPngTexts } from '../../../../test/support/foreign-fixtures';
import {
  addImages,
  makeImageBytes,
  openTestLibrary,
  tempHome,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';
import { readRecord } from '../../metadata';
import type { readLibraryFile } from '../maintenance/index-file';
import { rebuildLibrary } from '../maintenance/rebuild';
import { reconcileLibrary } from '../maintenance/reconcile';
import { fileReader } from './read-watched-file';

let t: TestLibrary;
afterEach(async () => t?.close());

type Change = { added: Generation[]; updated: Generation[]; removed: string[] };

/** A PNG as AUTOMATIC1111 writes it: the recipe in a `parameters` text chunk. */
async function a1111Png(prompt: string, seed: number): Promise<Uint8Array> {
  const text = `${prompt}\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: ${seed}, Size: 64x48`;
  return withPngTexts(await makeImageBytes('png', 64, 48, seed), [{ type: 'tEXt', keyword: 'parameters', text }]);
}

/** Resolves with the first `library:changed` that `test` accepts (no sleeps: the event is the signal). */
function nextChange(test: (change: Change) => boolean): Promise<Change> {
  return new Promise((resolve) => {
    const off = t.ctx.bus.subscribe((channel, payload) => {
      if (channel !== 'library:changed' || !test(payload as Change)) return;
      off();
      resolve(payload as Change);
    });
  });
}

const has = (list: GalleryItem[], words: string) => list.some((g) => g.prompt.includes(words));

function search(text: string): GalleryItem[] {
  return t.library.list({ filter: { search: text }, sort: 'newest', cursor: null, limit: 50 }).items;
}

function total(): number {
  const { total } = t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 50 });
  if (total === null) throw new Error('the count was asked for');
  return total;
}

function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(folder, file)] = fs.readFileSync(file).toString('base64');
  }
  return out;
}

async function watchedFolderWith(files: Record<string, Uint8Array>): Promise<string> {
  const folder = tempHome('seedbank-watched-');
  for (const [name, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), bytes);
  }
  return folder;
}

describe('watched folders', () => {
  it('indexes a folder in place, then picks up a new file and an edited one, never writing to it', async () => {
    t = await openTestLibrary(undefined, { watchFolders: true });
    const folder = await watchedFolderWith({ 'first.png': await a1111Png('a lighthouse on basalt', 1) });
    const added = await t.library.watched.add(folder);
    expect(added).toMatchObject({ path: fs.realpathSync(folder), name: path.basename(folder) });
    await t.library.whenIdle();
    const [first] = search('lighthouse');
    expect(first).toMatchObject({ seed: 1, source: { tool: 'automatic1111' }, file: `watched/${added.id}/first.png` });
    const thumb = path.join(t.home, 'thumbs', `${first?.id}.webp`);
    const firstThumb = fs.readFileSync(thumb);

    const appeared = nextChange((change) => has(change.added, 'windmill'));
    fs.mkdirSync(path.join(folder, 'batch'));
    fs.writeFileSync(path.join(folder, 'batch', 'second.png'), await a1111Png('a windmill among tulips', 2));
    expect((await appeared).added).toEqual([
      expect.objectContaining({ seed: 2, file: `watched/${added.id}/batch/second.png` }),
    ]);

    const edited = nextChange((change) => has(change.updated, 'caravan'));
    fs.writeFileSync(path.join(folder, 'first.png'), await a1111Png('a desert caravan at dusk', 3));
    expect((await edited).updated).toEqual([expect.objectContaining({ id: first?.id, seed: 3 })]);
    expect(search('lighthouse')).toEqual([]);
    expect(total()).toBe(2);

    await t.library.whenIdle();
    // Nothing copied into the library, nothing written into the folder; thumbnails are ours.
    expect(fs.existsSync(path.join(t.home, 'images'))).toBe(false);
    expect(Object.keys(snapshot(folder)).sort()).toEqual([path.join('batch', 'second.png'), 'first.png']);
    expect(readRecord(fs.readFileSync(path.join(folder, 'first.png')))).toBe(null);
    // The edited pixels got a new thumbnail.
    expect(fs.readFileSync(thumb).equals(firstThumb)).toBe(false);
    expect(t.library.watched.list()).toEqual([expect.objectContaining({ id: added.id, images: 2 })]);
  });

  it('marks an image missing when its file is deleted from the folder', async () => {
    t = await openTestLibrary(undefined, { watchFolders: true });
    const folder = await watchedFolderWith({ 'a.png': await a1111Png('a koi pond', 4) });
    await t.library.watched.add(folder);
    await t.library.whenIdle();
    const gone = nextChange((change) => change.updated.some((g) => g.missing));
    fs.rmSync(path.join(folder, 'a.png'));
    expect((await gone).updated).toEqual([expect.objectContaining({ prompt: 'a koi pond', missing: true })]);
  });

  it('keeps a watched image’s rating and tags in the database only, and puts them into an exported copy', async () => {
    t = await openTestLibrary();
    const folder = await watchedFolderWith({ 'boat.png': await a1111Png('a paper boat on a puddle', 5) });
    await t.library.watched.add(folder);
    await t.library.whenIdle();
    const before = snapshot(folder);
    const [boat] = search('boat');
    const id = boat?.id ?? '';
    t.library.rate([id], 4);
    t.library.tag([id], ['keeper'], []);
    await t.library.flushWriteBack();
    expect(snapshot(folder)).toEqual(before);
    // Nothing is left pending for the file either (write-back would retry it at every start).
    expect(t.ctx.db.prepare('SELECT record_dirty FROM generations WHERE id = ?').get(id)).toEqual({ record_dirty: 0 });
    expect(await t.library.trash([id])).toBe(0);
    expect(snapshot(folder)).toEqual(before);

    // Another tool touches the file: it is read again, the person's choices stay.
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(folder, 'boat.png'), later, later);
    await t.library.reconcile();
    expect(t.library.getGeneration(id)).toMatchObject({ rating: 4, tags: ['keeper'], trashed: false });

    const destination = tempHome('seedbank-watched-export-');
    await t.library.export({ ids: [id], destination });
    const exported = readRecord(fs.readFileSync(path.join(destination, 'boat.png')));
    expect(exported).toMatchObject({ id, rating: 4, tags: ['keeper'], prompt: 'a paper boat on a puddle' });
    expect(snapshot(folder)).toEqual(before);
  });

  it('removing a folder removes its images from the library and leaves its files', async () => {
    t = await openTestLibrary();
    const [own] = await addImages(t, 1);
    const folder = await watchedFolderWith({
      'one.png': await a1111Png('a glass greenhouse', 6),
      'two.png': await a1111Png('an orchard in autumn', 7),
    });
    const watched = await t.library.watched.add(folder);
    await t.library.whenIdle();
    const ids = [...search('greenhouse'), ...search('orchard')].map((g) => g.id);
    expect(ids).toHaveLength(2);
    const before = snapshot(folder);

    const removal = nextChange((change) => change.removed.length > 0);
    expect(await t.library.watched.remove(watched.id)).toBe(2);
    expect((await removal).removed.sort()).toEqual([...ids].sort());
    expect(t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 50 }).items.map((g) => g.id)).toEqual([
      own,
    ]);
    expect(t.library.watched.list()).toEqual([]);
    expect(snapshot(folder)).toEqual(before);
    for (const id of ids) expect(fs.existsSync(path.join(t.home, 'thumbs', `${id}.webp`))).toBe(false);
  });

  it('a rebuild reads the watched folders as well as images/', async () => {
    t = await openTestLibrary();
    await addImages(t, 1);
    const folder = await watchedFolderWith({ 'x.png': await a1111Png('a lantern festival', 8) });
    await t.library.watched.add(folder);
    await t.library.whenIdle();
    t.ctx.db.exec('DELETE FROM generations');
    expect(total()).toBe(0);
    expect(await t.library.rebuild()).toMatchObject({ done: 2, failed: 0 });
    expect(search('lantern')).toEqual([
      expect.objectContaining({ seed: 8, source: { tool: 'automatic1111', fileName: 'x.png' } }),
    ]);
    expect(total()).toBe(2);
    // `seedbank rebuild` reads the watch list from the settings the same way.
    t.ctx.db.exec('DELETE FROM generations');
    expect(await rebuildLibrary(t.ctx)).toMatchObject({ done: 2, failed: 0 });
    expect(search('lantern')).toHaveLength(1);
  });

  it('the start-up rescan opens only the files that are new or changed, in watched folders too', async () => {
    t = await openTestLibrary();
    await addImages(t, 2);
    const folder = await watchedFolderWith({
      'a.png': await a1111Png('first', 11),
      'b.png': await a1111Png('second', 12),
      'c.png': await a1111Png('third', 13),
    });
    const watched = await t.library.watched.add(folder);
    await t.library.whenIdle();

    const opened: string[] = [];
    const read = fileReader(t.library.watched.roots());
    const deps = {
      db: t.ctx.db,
      home: t.home,
      now: () => t.clock.now,
      logger: t.ctx.logger,
      watched: t.library.watched.roots(),
      readFile: (...args: Parameters<typeof readLibraryFile>) => {
        opened.push(args[2]);
        return read(...args);
      },
    };
    const reporter = { signal: new AbortController().signal, progress: () => {} };
    await reconcileLibrary(deps, reporter);
    expect(opened).toEqual([]);

    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(folder, 'b.png'), later, later);
    await reconcileLibrary(deps, reporter);
    expect(opened).toEqual([`watched/${watched.id}/b.png`]);

    opened.length = 0;
    fs.writeFileSync(path.join(folder, 'd.png'), await a1111Png('fourth', 14));
    fs.rmSync(path.join(folder, 'a.png'));
    await reconcileLibrary(deps, reporter);
    expect(opened).toEqual([`watched/${watched.id}/d.png`]);
    expect(search('first')[0]?.missing).toBe(true);
    expect(search('fourth')).toHaveLength(1);
  });

  it('refuses a folder that is not there, the library’s own, or one watched already, naming the field', async () => {
    t = await openTestLibrary();
    const refusal = (candidate: string) =>
      t.library.watched.add(candidate).then(
        () => new Error('accepted'),
        (err: unknown) => err as Error,
      );
    const folder = await watchedFolderWith({});
    await t.library.watched.add(folder);
    for (const [candidate, message] of [
      [path.join(folder, 'nope'), /No folder/],
      [t.home, /contains the library/],
      [folder, /watched already/],
    ] as const) {
      const error = await refusal(candidate);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'folder' });
      expect(error.message).toMatch(message);
    }
    fs.mkdirSync(path.join(folder, 'inner'));
    const overlap = await refusal(path.join(folder, 'inner'));
    expect(overlap).toMatchObject({ code: 'INVALID_INPUT', field: 'folder' });
    expect(overlap.message).toMatch(/overlaps/);
    expect(t.library.watched.list()).toHaveLength(1);
  });
});
