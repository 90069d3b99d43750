import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryFilter } from './gallery-page';
import type { LibrarySort } from './page-cursor';
import {
  addImages,
  makeImageBytes,
  makeRecord,
  openTestLibrary,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

/** The fields of `whole` named in `keys`: the share of a Generation a page item carries. */
function pick<T extends object>(whole: T | undefined, keys: string[]): Partial<T> | undefined {
  if (whole === undefined) return undefined;
  return Object.fromEntries(Object.entries(whole).filter(([key]) => keys.includes(key))) as Partial<T>;
}

function ids(filter: LibraryFilter, sort: LibrarySort = 'newest', limit = 500): string[] {
  return t.library.list({ filter, sort, cursor: null, limit }).items.map((g) => g.id);
}

describe('gallery pages', () => {
  it('walks every image exactly once with cursors, newest first', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 25);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = t.library.list({ filter: {}, sort: 'newest', cursor, limit: 7 });
      expect(page.total).toBe(25);
      seen.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...added].reverse());
  });

  it('stays stable when new images arrive between pages', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 10);
    const first = t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 4 });
    // A new image lands at the top while the person scrolls: the next page neither repeats nor skips.
    await t.library.addImage({
      record: makeRecord({ createdAt: '2026-11-04T00:00:00.000Z' }),
      bytes: await makeImageBytes(),
      jobId: null,
      projectId: null,
    });
    const second = t.library.list({ filter: {}, sort: 'newest', cursor: first.nextCursor, limit: 4 });
    expect(second.items.map((g) => g.id)).toEqual(added.slice(2, 6).reverse());
  });

  it('sorts oldest first and by rating (ties newest first)', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 4, (i) => ({ rating: [2, 5, 2, 0][i] ?? 0 }));
    expect(ids({}, 'oldest')).toEqual(added);
    expect(ids({}, 'rating')).toEqual([added[1], added[2], added[0], added[3]]);
    const page = t.library.list({ filter: {}, sort: 'rating', cursor: null, limit: 2 });
    const rest = t.library.list({ filter: {}, sort: 'rating', cursor: page.nextCursor, limit: 2 });
    expect(rest.items.map((g) => g.id)).toEqual([added[0], added[3]]);
  });

  it('refuses a cursor from another sort order with INVALID_INPUT', async () => {
    t = await openTestLibrary();
    await addImages(t, 3);
    const page = t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 1 });
    expect(() => t.library.list({ filter: {}, sort: 'rating', cursor: page.nextCursor, limit: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('filters by project, Unsorted, model, favourite, rating, tag, date, references and trash', async () => {
    t = await openTestLibrary();
    const project = t.library.ensureProject('Ferns');
    const added = await addImages(t, 6, (i) => ({
      model: i % 2 === 0 ? 'flux-2-pro' : 'flux-kontext-max',
      favorite: i === 1,
      rating: i,
      tags: i === 2 ? ['Macro'] : [],
      inputs: i === 3 ? ['c'.repeat(64)] : [],
      projectName: i < 2 ? 'Ferns' : null,
    }));
    expect(ids({ projectId: project.id }).sort()).toEqual(added.slice(0, 2).sort());
    expect(ids({ projectId: null })).toHaveLength(4);
    expect(ids({ model: 'flux-kontext-max' }).sort()).toEqual([added[1], added[3], added[5]].sort());
    expect(ids({ favorite: true })).toEqual([added[1]]);
    expect(ids({ minRating: 4 })).toEqual([added[5], added[4]]);
    expect(ids({ tag: 'macro' })).toEqual([added[2]]);
    expect(ids({ from: '2026-11-03T12:01:00.000Z', to: '2026-11-03T12:02:00.000Z' })).toEqual([added[2], added[1]]);
    expect(ids({ hasReferences: true })).toEqual([added[3]]);
    await t.library.trash([added[0]!]);
    expect(ids({ trashed: true })).toEqual([added[0]]);
    expect(ids({})).not.toContain(added[0]);
  });
});

describe('page items', () => {
  it('are the same images the library gives by id, with tags in name order and references in slot order', async () => {
    t = await openTestLibrary();
    const refs = ['b'.repeat(64), 'a'.repeat(64), 'c'.repeat(64)];
    const added = await addImages(t, 4, (i) => ({
      inputs: i === 1 ? refs : [],
      tags: i === 2 ? ['zebra', 'Apple', 'mango'] : [],
      params: { seed: i, prompt_upsampling: i % 2 === 0 },
    }));
    for (const filter of [{}, { search: 'astronaut' }, { tag: 'mango' }, { hasReferences: true }] as LibraryFilter[]) {
      const items = t.library.list({ filter, sort: 'newest', cursor: null, limit: 10 }).items;
      const byId = new Map(t.library.generationsById(items.map((g) => g.id)).map((g) => [g.id, g]));
      expect(items.length).toBeGreaterThan(0);
      // Each page item is the tile's share of the whole Generation, field for field.
      expect(items).toEqual(items.map((g) => pick(byId.get(g.id), Object.keys(g))));
    }
    const [withRefs] = t.library.generationsById([added[1]!]);
    expect(withRefs?.inputs).toEqual(refs);
    const [tagged] = t.library.list({ filter: { tag: 'mango' }, sort: 'newest', cursor: null, limit: 10 }).items;
    expect(t.library.getDetail(tagged!.id).generation.tags).toEqual(['Apple', 'mango', 'zebra']);
  });
});

describe('page items read from the stored tile', () => {
  /** Every page shape: newest from the index, search and tag driven, a two-step filter, the trash. */
  const PAGES: [LibraryFilter, LibrarySort][] = [
    [{}, 'newest'],
    [{ search: 'kite' }, 'newest'],
    [{ tag: 'kite' }, 'oldest'],
    [{ favorite: true }, 'rating'],
    [{ trashed: true }, 'newest'],
  ];

  /** Each page's items beside the same images read whole from the table, field for field. */
  function expectPagesMatchTheTable(): void {
    for (const [filter, sort] of PAGES) {
      const items = t.library.list({ filter, sort, cursor: null, limit: 50 }).items;
      const byId = new Map(t.library.generationsById(items.map((g) => g.id)).map((g) => [g.id, g]));
      expect(items).toEqual(items.map((g) => pick(byId.get(g.id), Object.keys(g))));
    }
  }

  it('show prompts, file names and numbers exactly as stored, whatever characters they hold', async () => {
    t = await openTestLibrary();
    // JSON's own syntax, escapes, control characters, a NUL, non-ASCII and U+2028 (legal in JSON text).
    const prompt = 'kite "quoted" \\ back\\slash\nnew line\ttab \u0000 nul \u0001 🦊 Füchse \u2028 [1,2] null';
    const [plain, odd] = await addImages(t, 2, (i) =>
      i === 0 ? { prompt: 'kite', tags: ['kite'] } : { prompt, seed: 4_294_967_295, tags: ['kite'] },
    );
    const imported = await t.library.addImage({
      record: makeRecord({
        prompt: '',
        seed: null,
        source: { tool: 'comfyui', fileName: 'kite "final" \\ ü.png' },
        createdAt: '2026-11-05T00:00:00.000Z',
      }),
      bytes: await makeImageBytes(),
      jobId: null,
      projectId: null,
    });
    t.library.tag([imported.id], ['kite'], []);
    const items = t.library.list({ filter: { tag: 'kite' }, sort: 'oldest', cursor: null, limit: 10 }).items;
    expect(items.map((g) => g.id)).toEqual([plain, odd, imported.id]);
    expect(items[1]!.prompt).toBe(prompt);
    expect(items[1]!.seed).toBe(4_294_967_295);
    expect(items[2]!.source).toEqual({ tool: 'comfyui', fileName: 'kite "final" \\ ü.png' });
    expect(items[2]!.seed).toBeNull();
    expectPagesMatchTheTable();
  });

  it('follow every change of a tile: favourite, rating, project, trash and restore, a missing file', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 3, () => ({ prompt: 'a kite over the dunes', tags: ['kite'] }));
    const project = t.library.ensureProject('Dunes');
    t.library.favorite([added[0]!, added[2]!], true);
    t.library.rate([added[0]!], 4);
    t.library.move([added[1]!], project.id);
    await t.library.trash([added[2]!]);
    expectPagesMatchTheTable();
    const [favourite] = t.library.list({ filter: { favorite: true }, sort: 'rating', cursor: null, limit: 10 }).items;
    expect(favourite).toMatchObject({ id: added[0], favorite: true, rating: 4, projectId: null });
    const [trashed] = t.library.list({ filter: { trashed: true }, sort: 'newest', cursor: null, limit: 10 }).items;
    expect(trashed).toMatchObject({ id: added[2], trashed: true });
    expect(trashed!.file.startsWith('trash/')).toBe(true);

    await t.library.restore([added[2]!]);
    t.library.favorite([added[2]!], false);
    t.ctx.db.prepare('UPDATE generations SET missing = 1 WHERE id = ?').run(added[1]!);
    expectPagesMatchTheTable();
    const newest = t.library.list({ filter: { search: 'kite' }, sort: 'newest', cursor: null, limit: 10 }).items;
    expect(newest.map((g) => [g.id, g.favorite, g.missing, g.projectId])).toEqual([
      [added[2], false, false, null],
      [added[1], false, true, project.id],
      [added[0], true, false, null],
    ]);
  });
});

describe('thin page items', () => {
  it('carry no tags, references, parameters or upsampled prompt; the detail fetch carries them all', async () => {
    t = await openTestLibrary();
    const refs = ['d'.repeat(64)];
    const [id] = await addImages(t, 1, () => ({
      inputs: refs,
      tags: ['harbour'],
      params: { seed: 7, prompt_upsampling: true },
    }));
    for (const filter of [{}, { search: 'harbour' }, { tag: 'harbour' }] as LibraryFilter[]) {
      const [item] = t.library.list({ filter, sort: 'newest', cursor: null, limit: 10 }).items;
      expect(item?.id).toBe(id);
      for (const heavy of ['tags', 'inputs', 'params', 'upsampledPrompt', 'jobId', 'taskId', 'cost'])
        expect(item).not.toHaveProperty(heavy);
    }
    const { generation } = t.library.getDetail(id!);
    expect(generation.tags).toEqual(['harbour']);
    expect(generation.inputs).toEqual(refs);
    expect(generation.params).toMatchObject({ seed: 7, prompt_upsampling: true });
  });
});

describe('tag filter', () => {
  it('pages through a tag in gallery order, including images tagged after they were added', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 9, (i) => ({ tags: i % 2 === 0 ? ['fog'] : [] }));
    t.library.tag([added[3]!], ['FOG'], []);
    const expected = [added[0], added[2], added[3], added[4], added[6], added[8]];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = t.library.list({ filter: { tag: 'fog' }, sort: 'oldest', cursor, limit: 4 });
      expect(page.total).toBe(6);
      seen.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(ids({ tag: 'fog', search: 'astronaut' }, 'newest')).toEqual([...expected].reverse());
  });
});

describe('search', () => {
  it('finds by word prefix as the person types', async () => {
    t = await openTestLibrary();
    const [astronaut] = await addImages(t, 1, () => ({ prompt: 'an astronaut in a fern forest' }));
    await addImages(t, 1, () => ({ prompt: 'a lighthouse at dusk', upsampledPrompt: null }));
    expect(ids({ search: 'astro' })).toEqual([astronaut]);
    expect(ids({ search: 'fern astro' })).toEqual([astronaut]);
  });

  it('takes the words before the last as whole words, only the last one as a prefix', async () => {
    t = await openTestLibrary();
    const [astronaut] = await addImages(t, 1, () => ({ prompt: 'an astronaut in a fern forest' }));
    expect(ids({ search: 'astronaut fer' })).toEqual([astronaut]);
    // "astro" is finished once a space follows: it is a word of its own, not the start of one.
    expect(ids({ search: 'astro fern' })).toEqual([]);
  });

  it('searches tags too, and the upsampled prompt when asked', async () => {
    t = await openTestLibrary();
    const [a, b] = await addImages(t, 2, (i) => ({
      prompt: 'plain',
      upsampledPrompt: i === 0 ? 'a cinematic nebula' : null,
    }));
    t.library.tag([b!], ['bioluminescent'], []);
    expect(ids({ search: 'nebula', searchUpsampled: true })).toEqual([a]);
    expect(ids({ search: 'biolum' })).toEqual([b]);
    t.library.tag([b!], [], ['bioluminescent']);
    expect(ids({ search: 'biolum' })).toEqual([]);
  });

  it('treats FTS syntax in what the person types as plain words', async () => {
    t = await openTestLibrary();
    const [quoted] = await addImages(t, 1, () => ({ prompt: 'say "NEAR" or -not: stars*' }));
    for (const text of ['"NEAR', 'NEAR(', '-not:', 'stars*', 'OR AND NOT', '"', '^*:()']) {
      expect(() => ids({ search: text })).not.toThrow();
    }
    expect(ids({ search: '"near" -not: stars*' })).toEqual([quoted]);
  });

  it('gives the same page without its count, and the count asked after it matches the counted page', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 9, (i) => ({ prompt: i % 3 === 0 ? 'a red fox' : 'a grey owl' }));
    await t.library.trash([added[0]!]);
    const args = { filter: { search: 'fox' }, sort: 'newest' as const, cursor: null, limit: 2 };
    const counted = t.library.list(args);
    const uncounted = t.library.list({ ...args, count: false });
    expect(uncounted.items.map((g) => g.id)).toEqual(counted.items.map((g) => g.id));
    expect(uncounted.items).toEqual(counted.items);
    expect(uncounted.nextCursor).toBe(counted.nextCursor);
    expect(uncounted.total).toBeNull();
    expect(counted.total).toBe(2);
    expect(t.library.count({ search: 'fox' })).toBe(2);
    expect(t.library.count({ search: 'fox', trashed: true })).toBe(1);
  });

  it('falls back to a plain scan when the full-text index is not there', async () => {
    t = await openTestLibrary();
    const [astronaut] = await addImages(t, 1, () => ({ prompt: 'an astronaut 50% done', tags: ['moss_green'] }));
    await addImages(t, 1, () => ({ prompt: 'a lighthouse', upsampledPrompt: null }));
    t.ctx.db.exec('DROP TABLE generations_fts');
    const warnings: string[] = [];
    t.ctx.logger = { ...t.ctx.logger, warn: (message: string) => warnings.push(message) };
    expect(ids({ search: 'astro' })).toEqual([astronaut]);
    expect(ids({ search: 'moss_green' })).toEqual([astronaut]);
    expect(ids({ search: '50%' })).toEqual([astronaut]);
    // It says so once, not on every keystroke.
    expect(warnings.filter((w) => /plain scan/.test(w))).toHaveLength(1);
  });
});
