/**
 * The detail view as a viewer: its zoom (see `loupe.ts`), the trail Back walks (see
 * `detail-history.ts`) and stepping to the previous/next image in the gallery's order. A store,
 * not component state, so the shortcut table and the on-screen buttons do the same thing.
 */
import { create } from 'zustand';
import type { Point } from '../ui/view-transform';
import { popHop, pushHop } from './detail-history';
import { neighbourIndex, shouldPrefetch } from './gallery-neighbours';
import { useLibraryStore } from './library-store';
import { FIT, isZoomed, panZoom, toggleZoom, zoomBy, type Frame, type Size, type Zoom } from './loupe';
import { useViewStore } from './view-store';

interface ViewerState {
  zoom: Zoom;
  /** Published by the detail view once the image has loaded and the stage has a size. */
  frame: Frame | null;
  /** Images left by following a link, most recent last. */
  history: string[];
  /** Where in the gallery's loaded list the viewer's image was last seen (see `neighbourIndex`). */
  lastSeen: number | null;
  setLastSeen(index: number): void;
  setFrame(image: Size | null, stage: Size | null): void;
  toggleZoom(anchor?: Point): void;
  /** The Fit and 100 % buttons. */
  fit(): void;
  actualSize(): void;
  zoomBy(factor: number, anchor?: Point): void;
  pan(dx: number, dy: number): void;
  /** A new image on screen starts at fit. */
  resetZoom(): void;
  /** Opens `id` from a link in the detail view, remembering the image it was opened from. */
  follow(id: string): void;
  /** Returns to the image the last link was followed from; false when there is none. */
  back(): boolean;
  /** Clears the trail (the detail view closed). */
  forget(): void;
}

export const useViewerStore = create<ViewerState>()((set, get) => ({
  zoom: FIT,
  frame: null,
  history: [],
  lastSeen: null,
  setLastSeen: (index) => {
    if (get().lastSeen !== index) set({ lastSeen: index });
  },
  setFrame(image, stage) {
    const frame = image && stage && stage.width > 0 && stage.height > 0 ? { image, stage } : null;
    const old = get().frame;
    if (
      old?.image.width === frame?.image.width &&
      old?.image.height === frame?.image.height &&
      old?.stage.width === frame?.stage.width &&
      old?.stage.height === frame?.stage.height
    )
      return;
    set({ frame });
  },
  toggleZoom(anchor) {
    const { zoom, frame } = get();
    if (frame) set({ zoom: toggleZoom(zoom, frame, anchor) });
  },
  fit: () => set({ zoom: FIT }),
  actualSize() {
    const { frame } = get();
    if (frame) set({ zoom: toggleZoom(FIT, frame) });
  },
  zoomBy(factor, anchor) {
    const { zoom, frame } = get();
    if (frame) set({ zoom: zoomBy(zoom, frame, factor, anchor) });
  },
  pan(dx, dy) {
    const { zoom, frame } = get();
    if (frame) set({ zoom: panZoom(zoom, frame, dx, dy) });
  },
  resetZoom: () => set({ zoom: FIT }),
  follow(id) {
    const from = useViewStore.getState().detailId;
    if (!from || from === id) return;
    set({ history: pushHop(get().history, from, id) });
    useViewStore.getState().openDetail(id);
  },
  back() {
    const hop = popHop(get().history);
    if (!hop) return false;
    set({ history: hop.stack });
    useViewStore.getState().openDetail(hop.to);
    return true;
  },
  forget: () => set({ history: [], zoom: FIT, frame: null, lastSeen: null }),
}));

/** The detail image's place in the gallery's loaded order, or -1 when the gallery does not show it. */
export function detailIndex(): number {
  const id = useViewStore.getState().detailId;
  return id ? useLibraryStore.getState().items.findIndex((g) => g.id === id) : -1;
}

/**
 * Opens the image `delta` places away in the gallery's order and focuses it there too, so
 * closing the viewer leaves the grid on it. False at the ends.
 */
export function openNeighbour(delta: number): boolean {
  const library = useLibraryStore.getState();
  const next = neighbourIndex(library.items.length, detailIndex(), useViewerStore.getState().lastSeen, delta);
  const gen = next === null ? undefined : library.items[next];
  if (!gen || next === null) return false;
  openInViewer(gen.id);
  if (shouldPrefetch(library.items.length, next)) void library.loadMore();
  return true;
}

/** Opens a gallery image in the viewer (a filmstrip click, previous/next): focused in the grid. */
export function openInViewer(id: string): void {
  useLibraryStore.getState().select(id, 'single');
  useViewStore.getState().openDetail(id);
}

/** ← / →: pans a zoomed image, else steps through the gallery. */
export function arrowInViewer(key: string): boolean {
  const { zoom, frame, pan } = useViewerStore.getState();
  const step = (size: number | undefined) => Math.round((size ?? 0) * 0.1);
  if (isZoomed(zoom)) {
    // The image moves opposite to the arrow, as the window onto it moves with the arrow.
    if (key === 'ArrowLeft') pan(step(frame?.stage.width), 0);
    else if (key === 'ArrowRight') pan(-step(frame?.stage.width), 0);
    else if (key === 'ArrowUp') pan(0, step(frame?.stage.height));
    else if (key === 'ArrowDown') pan(0, -step(frame?.stage.height));
    return true;
  }
  if (key === 'ArrowLeft') return openNeighbour(-1);
  if (key === 'ArrowRight') return openNeighbour(1);
  return false;
}
