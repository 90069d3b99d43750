/**
 * One library interface, two stores: the same operations and the same expected answers on the
 * embedded store (a real SQLite file) and the team store (a real PostgreSQL server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedRecord } from '../../shared/types';
import type { LibraryFilter } from '../../electron/core/library/query/gallery-filter';
import type { LibraryStore } from '../../electron/core/library/store/library-store';
import { makeRecord } from '../support/library-test-kit';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { entryOf, makeTeamLibrary, openEmbeddedStore, openTeamStore, type OpenStore } from '../support/store-test-kit';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

const STORES = [
  { name: 'embedded (SQLite)', open: () => openEmbeddedStore() },
  { name: 'team (PostgreSQL)', open: async () => openTeamStore(await makeTeamLibrary(server)) },
];

const minute = (i: number) => new Date(Date.UTC(2026, 10, 3, 12, i)).toISOString();

describe.each(STORES)('library store: $name', ({ open }) => {
  let opened: OpenStore;
  let store: LibraryStore;
  let toClose: OpenStore | null = null;
  afterEach(async () => {
    await toClose?.close();
    toClose = null;
  });
  async function start(): Promise<void> {
    opened = await open();
    toClose = opened;
    store = opened.store;
  }
  async function add(records: EmbeddedRecord[]): Promise<string[]> {
    for (const record of records) await store.addGeneration(entryOf(record, opened.folder));
    return records.map((record) => record.id);
  }
  const page = (filter: LibraryFilter = {}, sort: 'newest' | 'oldest' | 'rating' = 'newest', limit = 50) =>
    store.list({ filter, sort, cursor: null, limit });
  const ids = async (filter: LibraryFilter = {}, sort: 'newest' | 'oldest' | 'rating' = 'newest') =>
    (await page(filter, sort)).items.map((g) => g.id);

  it('gives back an indexed generation as it was recorded, with tags and inputs', async () => {
    await start();
    const record = makeRecord({
      createdAt: minute(1),
      tags: ['moss', 'Garden'],
      inputs: ['a'.repeat(64), 'b'.repeat(64)],
      rating: 4,
      favorite: true,
    });
    const added = await store.addGeneration(entryOf(record));
    const read = await store.getGeneration(record.id);
    expect(read).toEqual(added);
    expect(read).toMatchObject({
      id: record.id,
      prompt: record.prompt,
      upsampledPrompt: record.upsampledPrompt,
      seed: 42,
      rating: 4,
      favorite: true,
      tags: ['Garden', 'moss'],
      inputs: ['a'.repeat(64), 'b'.repeat(64)],
      createdAt: minute(1),
      trashed: false,
      file: `images/2026-11/${record.id}.jpg`,
      imageUrl: `asset://lib/images/2026-11/${record.id}.jpg`,
    });
    expect(await store.getGeneration('0'.repeat(26))).toBeNull();
  });

  it('indexing the same generation again replaces its row instead of adding a second', async () => {
    await start();
    const record = makeRecord({ createdAt: minute(1), tags: ['one'] });
    await store.addGeneration(entryOf(record));
    await store.addGeneration(entryOf({ ...record, prompt: 'a new prompt', tags: ['two'] }));
    const listed = await page();
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ prompt: 'a new prompt' });
    // A page item is thin (no tags): the whole record by id carries them.
    expect(await store.getGeneration(listed.items[0]!.id)).toMatchObject({ tags: ['two'] });
  });

  it('pages through the gallery newest first with a cursor, and counts the whole filter', async () => {
    await start();
    const added = await add([0, 1, 2, 3, 4].map((i) => makeRecord({ createdAt: minute(i) })));
    const first = await store.list({ filter: {}, sort: 'newest', cursor: null, limit: 2 });
    expect(first.total).toBe(5);
    expect(first.items.map((g) => g.id)).toEqual([added[4], added[3]]);
    const second = await store.list({ filter: {}, sort: 'newest', cursor: first.nextCursor, limit: 2 });
    expect(second.items.map((g) => g.id)).toEqual([added[2], added[1]]);
    const third = await store.list({ filter: {}, sort: 'newest', cursor: second.nextCursor, limit: 2 });
    expect(third.items.map((g) => g.id)).toEqual([added[0]]);
    expect(third.nextCursor).toBeNull();
    expect(await ids({}, 'oldest')).toEqual(added);
  });

  it('sorts by rating, newest first among equal ratings, across pages', async () => {
    await start();
    const [a, b, c, d] = await add([1, 5, 3, 5].map((rating, i) => makeRecord({ createdAt: minute(i), rating })));
    const first = await store.list({ filter: {}, sort: 'rating', cursor: null, limit: 3 });
    expect(first.items.map((g) => g.id)).toEqual([d, b, c]);
    const rest = await store.list({ filter: {}, sort: 'rating', cursor: first.nextCursor, limit: 3 });
    expect(rest.items.map((g) => g.id)).toEqual([a]);
  });

  it('refuses a cursor made for another sort order, naming the cursor', async () => {
    await start();
    await add([0, 1, 2].map((i) => makeRecord({ createdAt: minute(i) })));
    const first = await store.list({ filter: {}, sort: 'newest', cursor: null, limit: 1 });
    await expect(store.list({ filter: {}, sort: 'rating', cursor: first.nextCursor, limit: 1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'cursor',
    });
  });

  it('filters by favourite, rating, tag (any case), model, date and source', async () => {
    await start();
    const [plain, fav, rated, tagged, other, imported] = await add([
      makeRecord({ createdAt: minute(0) }),
      makeRecord({ createdAt: minute(1), favorite: true }),
      makeRecord({ createdAt: minute(2), rating: 4 }),
      makeRecord({ createdAt: minute(3), tags: ['Lunar'] }),
      makeRecord({ createdAt: minute(4), model: 'flux-dev' }),
      makeRecord({ createdAt: minute(5), source: { tool: 'comfyui', fileName: 'x.png' } }),
    ]);
    expect(await ids({ favorite: true })).toEqual([fav]);
    expect(await ids({ minRating: 3 })).toEqual([rated]);
    expect(await ids({ tag: 'lunar' })).toEqual([tagged]);
    expect(await ids({ model: 'flux-dev' })).toEqual([other]);
    expect(await ids({ from: minute(1), to: minute(2) })).toEqual([rated, fav]);
    expect(await ids({ source: 'comfyui' })).toEqual([imported]);
    expect(await ids({ source: 'seedbank' })).toHaveLength(5);
    expect(await ids({ projectId: null })).toHaveLength(6);
    expect(plain).toBeDefined();
  });

  it('filters by references and by what was made from an image, through chains of edits', async () => {
    await start();
    const [source] = await add([makeRecord({ createdAt: minute(0) })]);
    const sourceHash = entryOf(makeRecord({ id: source!, createdAt: minute(0) })).file.sha256;
    const [edit] = await add([makeRecord({ createdAt: minute(1), inputs: [sourceHash] })]);
    const editHash = entryOf(makeRecord({ id: edit!, createdAt: minute(1) })).file.sha256;
    const [editOfEdit, unrelated] = await add([
      makeRecord({ createdAt: minute(2), inputs: [editHash] }),
      makeRecord({ createdAt: minute(3), inputs: ['c'.repeat(64)] }),
    ]);
    expect(await ids({ hasReferences: true })).toEqual([unrelated, editOfEdit, edit]);
    expect(await ids({ hasReferences: false })).toEqual([source]);
    expect(await ids({ editsOf: source! })).toEqual([editOfEdit, edit]);
  });

  it('pages a search and a tag filter with cursors, in every sort', async () => {
    await start();
    const added = await add(
      [0, 1, 2, 3, 4, 5].map((i) =>
        makeRecord({
          createdAt: minute(i),
          prompt: i % 2 === 0 ? `lunar base ${i}` : `desert ${i}`,
          rating: i % 3,
          tags: ['Batch'],
        }),
      ),
    );
    const lunar = [added[4], added[2], added[0]];
    for (const sort of ['newest', 'oldest', 'rating'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const result: Awaited<ReturnType<LibraryStore['list']>> = await store.list({
          filter: { search: 'luna', tag: 'batch' },
          sort,
          cursor,
          limit: 2,
        });
        expect(result.total).toBe(3);
        seen.push(...result.items.map((g) => g.id));
        cursor = result.nextCursor;
      } while (cursor !== null);
      // ratings: 4 → 1, 2 → 2, 0 → 0
      const expected =
        sort === 'newest' ? lunar : sort === 'oldest' ? [...lunar].reverse() : [added[2], added[4], added[0]];
      expect(seen).toEqual(expected);
    }
  });

  it('rates, favourites and tags only the images that exist, and says which', async () => {
    await start();
    const [a, b] = await add([makeRecord({ createdAt: minute(0) }), makeRecord({ createdAt: minute(1) })]);
    const ghost = '0'.repeat(26);
    expect(await store.rate([b!, ghost, a!], 3)).toEqual([b, a]);
    expect(await store.favorite([a!], true)).toEqual([a]);
    expect(await store.tag([a!, ghost], ['Night', ' sky  blue '], [])).toEqual([a]);
    expect(await store.getGeneration(a!)).toMatchObject({ rating: 3, favorite: true, tags: ['Night', 'sky blue'] });
    await store.tag([a!], [], ['night']);
    expect((await store.getGeneration(a!))?.tags).toEqual(['sky blue']);
  });

  it('refuses a rating outside 0–5, naming the rating, and changes nothing', async () => {
    await start();
    const [a] = await add([makeRecord({ createdAt: minute(0), rating: 2 })]);
    await expect(store.rate([a!], 7)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'rating' });
    await expect(store.rate([a!], 2.5)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'rating' });
    expect((await store.getGeneration(a!))?.rating).toBe(2);
  });

  it('trashes and restores: the file moves under trash/ and back, the gallery and the trash view follow', async () => {
    await start();
    const [a, b] = await add([makeRecord({ createdAt: minute(0) }), makeRecord({ createdAt: minute(1) })]);
    const home = path.join(opened.folder, `images/2026-11/${a}.jpg`);
    expect(await store.trash([a!, a!])).toEqual([a]);
    expect(await store.trash([a!])).toEqual([]);
    expect(fs.existsSync(home)).toBe(false);
    expect(fs.existsSync(path.join(opened.folder, 'trash', `images/2026-11/${a}.jpg`))).toBe(true);
    expect(await ids()).toEqual([b]);
    expect(await ids({ trashed: true })).toEqual([a]);
    expect(await store.getGeneration(a!)).toMatchObject({ trashed: true, file: `trash/images/2026-11/${a}.jpg` });
    expect(await store.restore([a!])).toEqual([a]);
    expect(fs.existsSync(home)).toBe(true);
    expect(await ids()).toEqual([b, a]);
  });

  it('has a schema version and a library id that stays the same and is in the folder', async () => {
    await start();
    expect(await store.schemaVersion()).toBeGreaterThan(0);
    const id = await store.libraryId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await store.libraryId()).toBe(id);
    expect(fs.readFileSync(path.join(opened.folder, 'seedbank-library-id'), 'utf8').trim()).toBe(id);
  });

  it('tells its listeners which images changed', async () => {
    await start();
    const [a] = await add([makeRecord({ createdAt: minute(0) })]);
    let seen!: (changed: string[]) => void;
    const changed = new Promise<string[]>((resolve) => (seen = resolve));
    const stop = await store.onChange((change) => {
      if (change.changed.includes(a!)) seen(change.changed);
    });
    await store.rate([a!], 5);
    expect(await changed).toContain(a);
    stop();
  });

  it('makes, lists, renames and deletes projects, with counts, refusing a name taken in any letter case', async () => {
    await start();
    const [a, b, c] = await add([0, 1, 2].map((i) => makeRecord({ createdAt: minute(i) })));
    const beta = await store.createProject('  beta   launch ');
    expect(beta).toMatchObject({ name: 'beta launch', count: 0 });
    const alpha = await store.createProject('Alpha');
    await expect(store.createProject('ALPHA')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'name',
      message: 'A project named "Alpha" already exists',
    });
    await expect(store.createProject('   ')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
    expect(await store.move([a!, b!, '0'.repeat(26)], alpha.id)).toEqual([a, b]);
    await expect(store.move([c!], '1'.repeat(26))).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'projectId' });
    expect(await ids({ projectId: alpha.id })).toEqual([b, a]);
    expect(await ids({ projectId: null })).toEqual([c]);
    await store.trash([b!]);
    expect(await store.listProjects()).toEqual({
      projects: [
        { id: alpha.id, name: 'Alpha', createdAt: alpha.createdAt, count: 1 },
        { id: beta.id, name: 'beta launch', createdAt: beta.createdAt, count: 0 },
      ],
      unsortedCount: 1,
      trashCount: 1,
    });
    await expect(store.renameProject(alpha.id, 'Beta Launch')).rejects.toMatchObject({ field: 'name' });
    expect(await store.renameProject(alpha.id, 'Alpha two')).toMatchObject({ id: alpha.id, name: 'Alpha two' });
    // Deleting to Unsorted: every image leaves the project (a trashed one comes back Unsorted).
    expect(await store.deleteProject(alpha.id, 'unsorted')).toEqual({ moved: 2, trashed: 0 });
    expect(await ids({ projectId: null })).toEqual([c, a]);
    await store.restore([b!]);
    expect((await store.getGeneration(b!))?.projectId).toBeNull();
    expect((await store.listProjects()).projects.map((p) => p.name)).toEqual(['beta launch']);
    await expect(store.deleteProject(alpha.id, 'unsorted')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deleting a project with its images puts them in the trash', async () => {
    await start();
    const [a, b] = await add([0, 1].map((i) => makeRecord({ createdAt: minute(i) })));
    const project = await store.createProject('Moodboard');
    await store.move([a!], project.id);
    expect(await store.deleteProject(project.id, 'trash')).toEqual({ moved: 0, trashed: 1 });
    expect(await ids({ trashed: true })).toEqual([a]);
    expect(await ids()).toEqual([b]);
    expect(fs.existsSync(path.join(opened.folder, 'trash', `images/2026-11/${a}.jpg`))).toBe(true);
  });

  it('suggests tags by how many images outside the trash carry them, most used first', async () => {
    await start();
    const [, , trashed] = await add([
      makeRecord({ createdAt: minute(0), tags: ['moss', 'night'] }),
      makeRecord({ createdAt: minute(1), tags: ['moss', 'dawn'] }),
      makeRecord({ createdAt: minute(2), tags: ['moss', 'night', 'hidden'] }),
    ]);
    await store.trash([trashed!]);
    expect(await store.tagCounts()).toEqual([
      { tag: 'moss', count: 2 },
      { tag: 'dawn', count: 1 },
      { tag: 'night', count: 1 },
    ]);
  });

  it('shows an image with its lineage: references linked to the images they are, used by, the chain of edits', async () => {
    await start();
    const hashOf = (id: string, at: string) => entryOf(makeRecord({ id, createdAt: at })).file.sha256;
    const [source] = await add([makeRecord({ createdAt: minute(0), width: 1024, height: 1024 })]);
    const outside = 'c'.repeat(64);
    const [edit] = await add([
      makeRecord({ createdAt: minute(1), inputs: [hashOf(source!, minute(0)), outside], width: 512, height: 512 }),
    ]);
    const [second, branch] = await add([
      makeRecord({ createdAt: minute(3), inputs: [hashOf(edit!, minute(1))], width: 512, height: 512 }),
      makeRecord({ createdAt: minute(2), inputs: [hashOf(edit!, minute(1))] }),
    ]);
    const detail = await store.getDetail(edit!);
    expect(detail?.generation.id).toBe(edit);
    expect(detail?.references.map((r) => [r.input.hash, r.generation?.id ?? null])).toEqual([
      [hashOf(source!, minute(0)), source],
      [outside, null],
    ]);
    expect(detail?.usedBy.map((g) => g.id)).toEqual([second, branch]);
    expect(detail?.chain.map((step) => [step.generation.id, step.shrunk])).toEqual([
      [source, false],
      [edit, true],
      [second, false],
    ]);
    expect(detail?.madeWith).toBeUndefined();
    expect(await store.getDetail('0'.repeat(26))).toBeNull();
  });

  it('says where an image file is now, under trash/ while trashed', async () => {
    await start();
    const [a] = await add([makeRecord({ createdAt: minute(0) })]);
    expect(await store.filePath(a!)).toBe(path.join(opened.folder, `images/2026-11/${a}.jpg`));
    await store.trash([a!]);
    expect(await store.filePath(a!)).toBe(path.join(opened.folder, 'trash', `images/2026-11/${a}.jpg`));
    expect(await store.filePath('0'.repeat(26))).toBeNull();
  });

  describe('search: the same query grammar on both stores', () => {
    const corpus = {
      astronaut: makeRecord({ prompt: 'an astronaut tending a moss garden', upsampledPrompt: null }),
      cafe: makeRecord({ prompt: 'Café au lait on a zinc counter', upsampledPrompt: null, tags: ['Breakfast'] }),
      creme: makeRecord({ prompt: 'crème brûlée with a torch', upsampledPrompt: 'A crème brûlée being caramelised' }),
      city: makeRecord({ prompt: 'sci-fi city at night, neon 2049', upsampledPrompt: null, tags: ['cyberpunk'] }),
      imported: makeRecord({ prompt: '', upsampledPrompt: null, source: { tool: 'file', fileName: 'IMG_0042.jpg' } }),
      nandu: makeRecord({ prompt: 'Ñandú running in Patagonia', upsampledPrompt: null }),
      trashed: makeRecord({ prompt: 'astronaut in the trash', upsampledPrompt: null }),
    };
    type Name = keyof typeof corpus;
    const TABLE: [query: string, expected: Name[], filter?: LibraryFilter][] = [
      ['astro', ['astronaut']],
      ['astronaut moss', ['astronaut']],
      // Only the last word is a prefix: a finished word must match whole.
      ['astro garden', []],
      ['cafe', ['cafe']],
      ['CAFÉ', ['cafe']],
      ['creme brulee', ['creme']],
      // BFL's rewritten prompt is searched only when asked.
      ['caramel', []],
      ['caramel', ['creme'], { searchUpsampled: true }],
      // Several tags: any of them, or all of them.
      ['   ', ['cafe', 'city'], { tags: ['breakfast', 'Cyberpunk'], tagMatch: 'any' }],
      ['   ', [], { tags: ['breakfast', 'cyberpunk'], tagMatch: 'all' }],
      ['   ', ['cafe'], { tags: ['BREAKFAST'], tagMatch: 'all' }],
      ['breakfast', ['cafe']],
      ['cyber', ['city']],
      ['sci fi', ['city']],
      ['sci-fi', ['city']],
      ['neon 2049', ['city']],
      ['img 0042', ['imported']],
      ['IMG_0042', ['imported']],
      ['nandu', ['nandu']],
      ['ÑANDÚ patag', ['nandu']],
      // Search syntax typed by a person is matched as plain words.
      ['moss -garden', ['astronaut']],
      ['zinc*', ['cafe']],
      ['"counter', ['cafe']],
      ['NEAR(moss garden)', []],
      ['a', ['astronaut', 'cafe', 'creme', 'city']],
      ['   ', ['astronaut', 'cafe', 'creme', 'city', 'imported', 'nandu']],
      ['nothing-like-this', []],
      ['trash', []],
      ['trash', ['trashed'], { trashed: true }],
      ['garden', ['astronaut'], { minRating: 0, projectId: null }],
    ];

    // One library with the corpus for the whole table (each row only reads).
    let searched: OpenStore;
    const byId = new Map<string, Name>();
    beforeAll(async () => {
      searched = await open();
      let i = 0;
      for (const [name, record] of Object.entries(corpus) as [Name, EmbeddedRecord][]) {
        byId.set(record.id, name);
        await searched.store.addGeneration(entryOf({ ...record, createdAt: minute((i += 1)) }));
        if (name === 'trashed') await searched.store.trash([record.id]);
      }
    });
    afterAll(async () => {
      await searched.close();
    });

    it.each(TABLE)('%j finds %j', async (query, expected, filter = {}) => {
      const found = await searched.store.list({
        filter: { ...filter, search: query },
        sort: 'newest',
        cursor: null,
        limit: 50,
      });
      expect(found.items.map((g) => byId.get(g.id)).sort()).toEqual([...expected].sort());
      expect(found.total).toBe(expected.length);
    });

    it('finds a tag added after the image was indexed, and no longer finds it once removed', async () => {
      await start();
      const [a] = await add([makeRecord({ createdAt: minute(0) })]);
      await store.tag([a!], ['Selenite'], []);
      expect(await ids({ search: 'selen' })).toEqual([a]);
      await store.tag([a!], [], ['selenite']);
      expect(await ids({ search: 'selen' })).toEqual([]);
    });
  });
});
