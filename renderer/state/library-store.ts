/**
 * The library as the gallery shows it: one filtered, cursor-paged list (newest first by default),
 * the projects, the selection and the keyboard focus. Wired once to `library:changed` and
 * `projects:changed`: new images are put in place at once, without a round trip.
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { GalleryItem, Project } from '../../shared/types';
import type { LibraryPage } from '../../shared/api';
import { FIRST_PAGE_REQUEST, FIRST_PAGE_SIZE } from '../../shared/first-page';
import { seedbank } from '../platform/seedbank';
import { errorInfoOf } from '../ui/error-text';
import { isFilterEmpty, matchesFilter, type LibraryFilter } from './library-filter';
import { placeInOrder } from './library-order';
import { useTeamStatusStore } from './team-status-store';
import { loadFlag, saveFlag } from './ui-prefs';
import { isLibraryReload, type LibraryChange } from '../../shared/library-reload';

export type LibrarySort = 'newest' | 'oldest' | 'rating';
/** The first page is just big enough to fill a large screen (FIRST_PAGE_SIZE); later pages are bigger. */
const PAGE_SIZE = 500;

interface LibraryState {
  /** Thin page items; `library:changed` puts whole Generations in place (a Generation is a GalleryItem). */
  items: GalleryItem[];
  /** How many images the filter matches; null while that count is on its way. */
  total: number | null;
  nextCursor: string | null;
  loading: boolean;
  loadedOnce: boolean;
  error: ErrorInfo | null;
  filter: LibraryFilter;
  sort: LibrarySort;
  projects: Project[];
  unsortedCount: number;
  trashCount: number;
  tags: { tag: string; count: number }[];
  selected: ReadonlySet<string>;
  anchorId: string | null;
  focusedId: string | null;
  /** Grid columns, published by the gallery so arrow keys can move by a row. */
  columns: number;
  reload(): Promise<void>;
  /**
   * Takes the first page the front door put into the HTML (platform/inline-first-page.ts), when
   * it answers what this store would ask first (nothing filtered, newest first). The first
   * `reload` still asks, for whatever changed between the HTML and the socket.
   */
  seedFirstPage(page: LibraryPage): void;
  loadMore(): Promise<void>;
  setFilter(patch: Partial<LibraryFilter>): void;
  /** Whether search reads the prompt BFL rewrote; remembered across restarts. */
  setSearchUpsampled(on: boolean): void;
  replaceFilter(filter: LibraryFilter): void;
  setSort(sort: LibrarySort): void;
  select(id: string, mode: 'single' | 'toggle' | 'range'): void;
  clearSelection(): void;
  setFocus(id: string | null): void;
  setColumns(columns: number): void;
  applyChanged(change: LibraryChange): void;
  refreshProjects(): Promise<void>;
  refreshTags(): Promise<void>;
}

/**
 * Whether a page answered holds exactly the items already shown (ids, order and every field).
 * Asked at every reload, most of them a new search: the ids settle that cheaply, and only a page
 * of the same images in the same order is compared field by field.
 */
export function samePage(shown: readonly GalleryItem[], answered: readonly GalleryItem[]): boolean {
  if (shown.length !== answered.length || shown.some((item, i) => item.id !== answered[i]?.id)) return false;
  return JSON.stringify(shown) === JSON.stringify(answered);
}

// Answers to an older query are dropped: typing fast must never show a stale result last.
let querySeq = 0;

/**
 * The filter's total, asked once its page is shown and nothing newer was asked for a moment:
 * counting every match of a word being typed costs the core more than its page, and the core
 * answers in order, so counts asked on every keystroke would hold up the next search.
 */
const COUNT_AFTER_MS = 250;
function countAfterPage(seq: number, filter: LibraryFilter): void {
  setTimeout(() => {
    if (seq !== querySeq) return;
    seedbank()
      .library.count({ filter })
      .then(({ total }) => {
        if (seq === querySeq) useLibraryStore.setState({ total });
      })
      // The count is a hint beside the grid; the page itself is already shown.
      .catch(() => undefined);
  }, COUNT_AFTER_MS);
}

let reloadInFlight: Promise<void> | null = null;
let reloadAgain = false;

export const useLibraryStore = create<LibraryState>()((set, get) => ({
  items: [],
  // Unknown until the host has counted (also what the build-time frame shows: prerender-frame.tsx).
  total: null,
  nextCursor: null,
  loading: false,
  loadedOnce: false,
  error: null,
  filter: loadFlag('searchUpsampled') ? { searchUpsampled: true } : {},
  sort: 'newest',
  projects: [],
  unsortedCount: 0,
  trashCount: 0,
  tags: [],
  selected: new Set(),
  anchorId: null,
  focusedId: null,
  columns: 1,

  reload() {
    ++querySeq;
    // One query in flight at a time: typing fast asks again before the core has answered, and
    // the core answers in order, so queued stale queries would only delay the one that matters.
    // A reload during a reload makes the running one ask once more, with the latest filter.
    if (reloadInFlight) {
      reloadAgain = true;
      return reloadInFlight;
    }
    set({ loading: true });
    reloadInFlight = (async () => {
      do {
        reloadAgain = false;
        const seq = querySeq;
        const { filter, sort } = get();
        try {
          // The page first, its count after: counting every match of a search word costs more
          // than the page, and the grid is what a person waits for.
          const page = await seedbank().library.list({
            filter,
            sort,
            cursor: null,
            limit: FIRST_PAGE_SIZE,
            count: false,
          });
          if (seq !== querySeq) continue;
          useTeamStatusStore.getState().sawPage(page.offline);
          set({
            // The same page as the one shown (the seeded first page, mostly) keeps its array, so
            // the grid does not render every tile again for nothing.
            items: samePage(get().items, page.items) ? get().items : page.items,
            total: null,
            nextCursor: page.nextCursor,
            loading: false,
            loadedOnce: true,
            error: null,
          });
          countAfterPage(seq, filter);
        } catch (err) {
          if (seq === querySeq) set({ loading: false, loadedOnce: true, error: errorInfoOf(err) });
        }
      } while (reloadAgain);
    })().finally(() => {
      reloadInFlight = null;
    });
    return reloadInFlight;
  },

  seedFirstPage(page) {
    const { filter, sort, loadedOnce } = get();
    if (loadedOnce || !isFilterEmpty(filter) || sort !== FIRST_PAGE_REQUEST.sort) return;
    useTeamStatusStore.getState().sawPage(page.offline);
    set({ items: page.items, total: null, nextCursor: page.nextCursor, loadedOnce: true, error: null });
  },

  async loadMore() {
    const { nextCursor, loading, filter, sort } = get();
    if (!nextCursor || loading) return;
    const seq = querySeq;
    set({ loading: true });
    try {
      const page = await seedbank().library.list({ filter, sort, cursor: nextCursor, limit: PAGE_SIZE, count: false });
      if (seq !== querySeq) return;
      const known = new Set(get().items.map((g) => g.id));
      const fresh = page.items.filter((g) => !known.has(g.id));
      set({ items: [...get().items, ...fresh], nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (seq === querySeq) set({ loading: false, error: errorInfoOf(err) });
    }
  },

  setFilter(patch) {
    const next: LibraryFilter = { ...get().filter, ...patch };
    for (const key of Object.keys(next) as (keyof LibraryFilter)[]) {
      if (next[key] === undefined || next[key] === '') delete next[key];
    }
    get().replaceFilter(next);
  },
  setSearchUpsampled(on) {
    saveFlag('searchUpsampled', on);
    get().setFilter({ searchUpsampled: on ? true : undefined });
  },
  replaceFilter(filter) {
    set({ filter, selected: new Set(), anchorId: null, focusedId: null });
    void get().reload();
  },
  setSort(sort) {
    set({ sort });
    void get().reload();
  },

  select(id, mode) {
    const { selected, anchorId, items } = get();
    if (mode === 'single') {
      set({ selected: new Set([id]), anchorId: id, focusedId: id });
    } else if (mode === 'toggle') {
      const next = new Set(selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      set({ selected: next, anchorId: id, focusedId: id });
    } else {
      const from = items.findIndex((g) => g.id === (anchorId ?? id));
      const to = items.findIndex((g) => g.id === id);
      const [lo, hi] = from < to ? [from, to] : [to, from];
      const next = new Set(selected);
      for (const g of items.slice(Math.max(lo, 0), hi + 1)) next.add(g.id);
      set({ selected: next, focusedId: id });
    }
  },
  clearSelection: () => set({ selected: new Set(), anchorId: null }),
  setFocus: (id) => set({ focusedId: id }),
  setColumns: (columns) => {
    if (columns !== get().columns) set({ columns });
  },

  applyChanged({ added, updated, removed }) {
    const { filter, sort } = get();
    const gone = new Set(removed);
    const changed = new Map(updated.map((g) => [g.id, g]));
    let items = get().items;
    let total = get().total ?? 0;
    if (gone.size > 0 || changed.size > 0) {
      const kept: GalleryItem[] = [];
      for (const g of items) {
        if (gone.has(g.id)) continue;
        const next = changed.get(g.id);
        if (next && !matchesFilter(next, filter)) continue; // e.g. trashed, moved to another project
        kept.push(next ?? g);
      }
      total -= items.length - kept.length;
      items = kept;
    }
    const fresh = added.filter((g) => matchesFilter(g, filter) && !items.some((i) => i.id === g.id));
    if (fresh.length > 0) {
      const sorted = [...fresh].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      items = sort === 'oldest' ? [...items, ...sorted.reverse()] : [...sorted, ...items];
      total += fresh.length;
    }
    // Edited images that now belong in this view (restored from the Trash, moved back here).
    const present = new Set(items.map((i) => i.id));
    const entering = updated.filter((g) => !present.has(g.id) && matchesFilter(g, filter));
    if (entering.length > 0) {
      if (sort === 'rating') {
        void get().reload();
      } else {
        const placed = placeInOrder(items, entering, sort, get().nextCursor !== null);
        items = placed.items;
        total += entering.length;
      }
    }
    const selected = new Set([...get().selected].filter((id) => !gone.has(id)));
    set({ items, total: get().total === null ? null : total, selected });
  },

  async refreshProjects() {
    const { projects, unsortedCount, trashCount } = await seedbank().projects.list();
    set({ projects, unsortedCount, trashCount });
  },
  async refreshTags() {
    set({ tags: await seedbank().library.tags() });
  },
}));

export function wireLibraryStore(): () => void {
  const api = seedbank();
  let countsTimer: ReturnType<typeof setTimeout> | null = null;
  const offLibrary = api.onLibraryChanged((change) => {
    // The library was switched, rebuilt or imported into, or its live feed missed changes.
    if (isLibraryReload(change)) {
      void useLibraryStore.getState().reload();
      void useLibraryStore
        .getState()
        .refreshTags()
        .catch(() => undefined);
    }
    useLibraryStore.getState().applyChanged(change);
    // Sidebar counts follow, batched: a bulk action sends many events.
    if (countsTimer) clearTimeout(countsTimer);
    // A library that does not list projects (a team library, for now) keeps the counts shown.
    countsTimer = setTimeout(
      () =>
        void useLibraryStore
          .getState()
          .refreshProjects()
          .catch(() => undefined),
      150,
    );
  });
  const offProjects = api.onProjectsChanged(({ projects }) => useLibraryStore.setState({ projects }));
  return () => {
    offLibrary();
    offProjects();
  };
}
