import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FILTER_TAGS } from '../../../../shared/api';
import { createDispatcher } from '../../contract/dispatch';
import { anyFolder } from '../../folder-access';
import { createLibraryHandlers } from '../library-handlers';
import type { LibraryFilter } from './gallery-page';
import { addImages, openTestLibrary, type TestLibrary } from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

function ids(filter: LibraryFilter): string[] {
  return t.library.list({ filter, sort: 'newest', cursor: null, limit: 500 }).items.map((g) => g.id);
}

describe('several tags at once', () => {
  async function tagged(): Promise<{ fox: string; owl: string; both: string; none: string }> {
    t = await openTestLibrary();
    const [fox, owl, both, none] = (await addImages(t, 4, (i) => ({
      tags: [['fox'], ['Owl'], ['fox', 'owl', 'night'], []][i] ?? [],
    }))) as [string, string, string, string];
    return { fox, owl, both, none };
  }

  it('"any of" shows images with either tag, "all of" only those with both', async () => {
    const { fox, owl, both } = await tagged();
    expect(ids({ tags: ['fox', 'owl'], tagMatch: 'any' }).sort()).toEqual([fox, owl, both].sort());
    expect(ids({ tags: ['fox', 'owl'], tagMatch: 'all' })).toEqual([both]);
    // "All of" is what a list of tags means when nothing says otherwise.
    expect(ids({ tags: ['fox', 'owl'] })).toEqual([both]);
    expect(t.library.list({ filter: { tags: ['fox', 'owl'] }, sort: 'newest', cursor: null, limit: 5 }).total).toBe(1);
  });

  it('combines with search and other filters, and ignores the case of a tag', async () => {
    const { owl, both } = await tagged();
    expect(ids({ tags: ['OWL'], tagMatch: 'any' }).sort()).toEqual([owl, both].sort());
    expect(ids({ tags: ['owl', 'night'], tagMatch: 'any', search: 'night' })).toEqual([both]);
  });

  it('refuses more tags than the bound, or an empty one, naming the field and the rule', async () => {
    t = await openTestLibrary();
    const dispatch = createDispatcher(createLibraryHandlers(t.library, t.ctx, anyFolder));
    const tooMany = Array.from({ length: MAX_FILTER_TAGS + 1 }, (_, i) => `tag${i}`);
    expect(await dispatch('library:list', { filter: { tags: tooMany } })).toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        field: 'filter.tags',
        message: `filter.tags: at most ${MAX_FILTER_TAGS} tags at once`,
      },
    });
    expect(await dispatch('library:list', { filter: { tags: ['fox', ' '] } })).toMatchObject({
      error: { code: 'INVALID_INPUT', field: 'filter.tags.1', message: 'filter.tags.1: a tag cannot be empty' },
    });
    expect(await dispatch('library:list', { filter: { tags: ['fox'], tagMatch: 'some' } })).toMatchObject({
      error: { code: 'INVALID_INPUT', field: 'filter.tagMatch' },
    });
  });
});

describe('search and the prompt BFL rewrote', () => {
  async function upsampled(): Promise<{ rewritten: string; own: string }> {
    t = await openTestLibrary();
    const [rewritten, own] = (await addImages(t, 2, (i) => ({
      prompt: i === 0 ? 'a red fox' : 'a detailed street map',
      upsampledPrompt: i === 0 ? 'a red fox, rendered in rich detail with soft natural light' : null,
    }))) as [string, string];
    return { rewritten, own };
  }

  it('finds only the person’s own words unless asked to read the rewritten prompt', async () => {
    const { rewritten, own } = await upsampled();
    expect(ids({ search: 'detail' })).toEqual([own]);
    expect(ids({ search: 'natural light' })).toEqual([]);
    expect(ids({ search: 'detail', searchUpsampled: false })).toEqual([own]);
    expect(ids({ search: 'detail', searchUpsampled: true })).toEqual([own, rewritten]);
    expect(ids({ search: 'natural light', searchUpsampled: true })).toEqual([rewritten]);
    // Words of the person's prompt, tags and file name are found either way.
    expect(ids({ search: 'red fox' })).toEqual([rewritten]);
  });

  it('leaves the rewritten prompt out of the plain scan too (no full-text index)', async () => {
    const { rewritten, own } = await upsampled();
    t.ctx.db.exec('DROP TABLE generations_fts');
    t.ctx.logger = { ...t.ctx.logger, warn: () => undefined };
    expect(ids({ search: 'natural' })).toEqual([]);
    expect(ids({ search: 'detail' })).toEqual([own]);
    expect(ids({ search: 'natural', searchUpsampled: true })).toEqual([rewritten]);
  });
});
