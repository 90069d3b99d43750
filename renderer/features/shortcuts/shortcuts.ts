/**
 * Every keyboard shortcut in one table: the keys and words the sheet on `?` shows, which key
 * events a row answers to, and what it does. The sheet and the listener both read this table, so
 * a shortcut cannot be listed without working or work without being listed.
 */
import { generate } from '../../state/generate';
import { favorite, rate, trash, undoLast } from '../../state/library-actions';
import { useLibraryStore } from '../../state/library-store';
import { useViewStore } from '../../state/view-store';
import { stepIndex, shouldPrefetch } from '../../state/gallery-neighbours';
import { KEY_ZOOM } from '../../state/loupe';
import { arrowInViewer, useViewerStore } from '../../state/viewer-store';

/**
 * Where a row applies. `anywhere`: also while typing in a field and over a dialog. `page`: not
 * while typing, but over a dialog too. `gallery`: not while typing and not over a dialog. Only
 * `anywhere` rows see keys held with Ctrl, ⌘ or Alt.
 */
export type ShortcutScope = 'anywhere' | 'page' | 'gallery';

export interface Shortcut {
  /** As the sheet shows it. */
  keys: string;
  what: string;
  /**
   * The key handling, or `null` for a mouse gesture that the gallery's own click handler does
   * or a key that a modal editor handles while it is open (listed here so the sheet is complete).
   */
  handler: {
    scope: ShortcutScope;
    matches(event: KeyboardEvent): boolean;
    /** Does it; `false` when it does not apply now, so the key keeps its usual meaning. */
    run(event: KeyboardEvent): boolean;
  } | null;
}

/** A key typed into a field belongs to the field, not to the app. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'range', 'button'].includes(target.type);
  return false;
}

/** The ids an action applies to: the selection when the focused image is in it, else the focused image. */
function targets(): string[] {
  const { selected, focusedId } = useLibraryStore.getState();
  const detailId = useViewStore.getState().detailId;
  if (detailId) return [detailId];
  if (focusedId && selected.has(focusedId)) return [...selected];
  return focusedId ? [focusedId] : [...selected];
}

/** The image the keys act on: the one in the detail view, else the focused one in the grid. */
function focusedImage() {
  const library = useLibraryStore.getState();
  const id = useViewStore.getState().detailId ?? library.focusedId;
  return library.items.find((g) => g.id === id);
}

function moveFocus(delta: number): void {
  const library = useLibraryStore.getState();
  const { items, focusedId } = library;
  if (items.length === 0) return;
  const index = stepIndex(items.length, focusedId ? items.findIndex((g) => g.id === focusedId) : -1, delta);
  const next = index === null ? undefined : items[index];
  if (!next || index === null) return;
  library.select(next.id, 'single');
  // Near the end of what is loaded: fetch the next page before the person gets there.
  if (shouldPrefetch(items.length, index)) void library.loadMore();
}

/** Moves by one row of the grid; in the detail view ← → step through it, or pan a zoomed image. */
function move(key: string): boolean {
  if (useViewStore.getState().detailId) return arrowInViewer(key);
  const columns = useLibraryStore.getState().columns;
  if (key === 'ArrowRight') moveFocus(1);
  else if (key === 'ArrowLeft') moveFocus(-1);
  else moveFocus(key === 'ArrowDown' ? columns : -columns);
  return true;
}

/** Runs `action` only while the detail view is open, so viewer keys mean nothing in the grid. */
function inViewer(action: () => void): boolean {
  if (!useViewStore.getState().detailId) return false;
  action();
  return true;
}

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

export const SHORTCUTS: Shortcut[] = [
  {
    keys: 'Ctrl/⌘ + Enter',
    what: 'Generate',
    handler: {
      scope: 'anywhere',
      matches: (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey),
      run: () => {
        generate();
        return true;
      },
    },
  },
  {
    keys: '← ↑ → ↓',
    what: 'Move through the gallery (detail view: ← → previous / next image; all four pan a zoomed image)',
    handler: { scope: 'gallery', matches: (e) => ARROWS.has(e.key), run: (e) => move(e.key) },
  },
  {
    keys: 'Alt + ←',
    what: 'Detail view: back to the image a lineage or edit-chain link was followed from',
    handler: {
      // Alt is seen only by `anywhere` rows; a field keeps Alt+← (word-wise move on some systems).
      scope: 'anywhere',
      matches: (e) => e.key === 'ArrowLeft' && e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey,
      run: (e) => !isTyping(e.target) && useViewStore.getState().detailId !== null && useViewerStore.getState().back(),
    },
  },
  {
    keys: 'Z, Space, double-click',
    what: 'Detail view: fit ↔ 100 % (double-click zooms on the point clicked); drag pans',
    handler: {
      scope: 'gallery',
      matches: (e) => e.key === 'z' || e.key === 'Z' || e.key === ' ',
      // On a button Space presses the button.
      run: (e) =>
        !(e.key === ' ' && e.target instanceof HTMLButtonElement) &&
        inViewer(() => useViewerStore.getState().toggleZoom()),
    },
  },
  {
    keys: '+  −, wheel',
    what: 'Detail view: zoom in / out (the wheel zooms about the pointer)',
    handler: {
      scope: 'gallery',
      matches: (e) => ['+', '=', '-', '_'].includes(e.key),
      run: (e) =>
        inViewer(() => useViewerStore.getState().zoomBy(e.key === '+' || e.key === '=' ? KEY_ZOOM : 1 / KEY_ZOOM)),
    },
  },
  { keys: 'Shift/Ctrl + click', what: 'Select several images', handler: null },
  {
    keys: 'Enter',
    what: 'Open the focused image',
    handler: {
      scope: 'gallery',
      matches: (e) => e.key === 'Enter',
      run: (e) => {
        const { focusedId } = useLibraryStore.getState();
        const view = useViewStore.getState();
        // On a button, Enter presses the button.
        if (!focusedId || view.detailId || e.target instanceof HTMLButtonElement) return false;
        view.openDetail(focusedId);
        return true;
      },
    },
  },
  {
    keys: 'Esc',
    what: 'Close the detail, compare, settings or this sheet',
    handler: { scope: 'anywhere', matches: (e) => e.key === 'Escape', run: () => useViewStore.getState().closeTop() },
  },
  {
    keys: 'F',
    what: 'Favourite / unfavourite',
    handler: {
      scope: 'gallery',
      matches: (e) => e.key === 'f' || e.key === 'F',
      run: () => {
        const focused = focusedImage();
        if (!focused) return false;
        void favorite(targets(), !focused.favorite);
        return true;
      },
    },
  },
  {
    keys: '1 – 5',
    what: 'Rate (0 clears)',
    handler: {
      scope: 'gallery',
      matches: (e) => /^[0-5]$/.test(e.key),
      run: (e) => {
        const ids = targets();
        if (ids.length === 0) return false;
        void rate(ids, Number(e.key));
        return true;
      },
    },
  },
  {
    keys: 'Delete',
    what: 'Move to the Trash',
    handler: {
      scope: 'gallery',
      matches: (e) => e.key === 'Delete' || e.key === 'Backspace',
      run: () => {
        const ids = targets();
        if (ids.length === 0 || focusedImage()?.trashed) return false;
        void trash(ids);
        return true;
      },
    },
  },
  {
    keys: 'Ctrl/⌘ + Z',
    what: 'Undo the last delete, move, rating, tag or favourite',
    handler: {
      scope: 'anywhere',
      matches: (e) => (e.key === 'z' || e.key === 'Z') && (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey,
      // In a text field Ctrl/⌘+Z stays the field's own undo.
      run: (e) => {
        if (isTyping(e.target)) return false;
        void undoLast();
        return true;
      },
    },
  },
  {
    keys: '/',
    what: 'Search',
    handler: {
      scope: 'gallery',
      matches: (e) => e.key === '/',
      run: () => {
        document.getElementById('library-search')?.focus();
        return true;
      },
    },
  },
  {
    keys: '?',
    what: 'This sheet',
    handler: {
      scope: 'page',
      matches: (e) => e.key === '?',
      run: () => {
        const view = useViewStore.getState();
        view.setShortcutsOpen(!view.shortcutsOpen);
        return true;
      },
    },
  },
  // The mask painter's keys work only while the painter is open, so the painter handles them
  // itself (a modal owns its keys); they are listed here so the sheet stays complete.
  { keys: '[  ]', what: 'Mask painter: smaller / larger brush', handler: null },
  { keys: 'B / E / X', what: 'Mask painter: brush / eraser / invert the mask', handler: null },
  { keys: 'Space + drag', what: 'Mask painter: pan (also the middle button, or two fingers)', handler: null },
  { keys: 'Ctrl/⌘ + Z, Shift + Ctrl/⌘ + Z', what: 'Mask painter: undo / redo', handler: null },
  // Compare's keys belong to the focused divider or pane (compare/CompareSlider, use-pane-gestures).
  { keys: '← →  Home End', what: 'Compare slider: move the divider (Shift: by 10)', handler: null },
  { keys: '+ - 0 1, arrows', what: 'Compare side by side: zoom, fit, 100 %, pan (every image follows)', handler: null },
];
