import { describe, expect, it } from 'vitest';
import type { SeedbankApi } from '../../shared/bridge';
import type { LibraryPage } from '../../shared/api';
import type { GalleryItem } from '../../shared/types';
import { initSeedbank } from '../platform/seedbank';
import { samePage, useLibraryStore } from './library-store';

const item = (id: string, rating = 0) => ({ id, prompt: `image ${id}`, rating }) as GalleryItem;
const page = (items: GalleryItem[]): LibraryPage => ({ items, nextCursor: null, total: null });

// The host's answer to the first reload, set per test.
let answer: LibraryPage = page([]);
const api = {
  library: { list: async () => answer, count: async () => ({ total: answer.items.length }) },
} as unknown as SeedbankApi;
Object.assign(globalThis, { window: { seedbank: api } });
initSeedbank();

describe('the first page taken from the HTML', () => {
  it('keeps the shown items when the first reload answers the same page, so the grid does not render them again', async () => {
    useLibraryStore.setState(useLibraryStore.getInitialState(), true);
    useLibraryStore.getState().seedFirstPage(page([item('b'), item('a')]));
    const seeded = useLibraryStore.getState().items;
    expect(useLibraryStore.getState().loadedOnce).toBe(true);
    answer = page([item('b'), item('a')]);
    await useLibraryStore.getState().reload();
    expect(useLibraryStore.getState().items).toBe(seeded);
  });

  it('takes the answer when an image finished between the HTML and the socket, or one changed', async () => {
    for (const fresh of [
      [item('c'), item('b'), item('a')],
      [item('b', 5), item('a')],
    ]) {
      useLibraryStore.setState(useLibraryStore.getInitialState(), true);
      useLibraryStore.getState().seedFirstPage(page([item('b'), item('a')]));
      answer = page(fresh);
      await useLibraryStore.getState().reload();
      expect(useLibraryStore.getState().items).toEqual(fresh);
    }
  });

  it('is not used when the page was asked for with a filter (it answers the unfiltered newest page)', () => {
    useLibraryStore.setState({ ...useLibraryStore.getInitialState(), filter: { favorite: true } }, true);
    useLibraryStore.getState().seedFirstPage(page([item('a')]));
    expect(useLibraryStore.getState().items).toEqual([]);
    expect(useLibraryStore.getState().loadedOnce).toBe(false);
  });
});

describe('samePage', () => {
  it('tells a page of other images, of the same images in another order, and of a changed field apart', () => {
    const shown = [item('a'), item('b')];
    expect(samePage(shown, [item('a'), item('b')])).toBe(true);
    expect(samePage(shown, [item('b'), item('a')])).toBe(false);
    expect(samePage(shown, [item('a'), item('c')])).toBe(false);
    expect(samePage(shown, [item('a'), item('b', 3)])).toBe(false);
    expect(samePage(shown, [item('a')])).toBe(false);
  });
});
