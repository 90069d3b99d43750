/**
 * The app's keyboard, in one listener: gallery movement and actions apply to the focused image
 * (or the selection), and never fire while typing in a field, except Ctrl/⌘+Enter and Esc.
 */
import { useEffect } from 'react';
import { useLibraryStore } from '../../state/library-store';
import { useViewStore } from '../../state/view-store';
import { generate } from '../composer/Composer';
import { favorite, rate, trash, undoLast } from '../gallery/library-actions';

function isTyping(target: EventTarget | null): boolean {
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

function moveFocus(delta: number): void {
  const library = useLibraryStore.getState();
  const { items, focusedId } = library;
  if (items.length === 0) return;
  const index = focusedId ? items.findIndex((g) => g.id === focusedId) : -1;
  const next = items[Math.min(items.length - 1, Math.max(0, index === -1 ? 0 : index + delta))];
  if (!next) return;
  library.select(next.id, 'single');
  const view = useViewStore.getState();
  if (view.detailId) view.openDetail(next.id);
  // Near the end of what is loaded: fetch the next page before the person gets there.
  if (items.length - items.indexOf(next) < 60) void library.loadMore();
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const view = useViewStore.getState();
      const library = useLibraryStore.getState();
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        generate();
        return;
      }
      if (event.key === 'Escape') {
        if (view.closeTop()) event.preventDefault();
        return;
      }
      // Ctrl/⌘+Z undoes the last library edit; in a text field it stays the field's own undo.
      if ((event.key === 'z' || event.key === 'Z') && (event.ctrlKey || event.metaKey) && !event.shiftKey) {
        if (isTyping(event.target)) return;
        event.preventDefault();
        void undoLast();
        return;
      }
      if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      const overlay = view.settingsOpen || view.compareIds.length > 0 || view.shortcutsOpen || view.inspected !== null;
      if (event.key === '?') {
        view.setShortcutsOpen(!view.shortcutsOpen);
        event.preventDefault();
        return;
      }
      if (overlay) return;
      const columns = view.detailId ? 1 : library.columns;
      const focused = library.items.find((g) => g.id === (view.detailId ?? library.focusedId));
      switch (event.key) {
        case '/':
          event.preventDefault();
          document.getElementById('library-search')?.focus();
          return;
        case 'ArrowRight':
          moveFocus(1);
          break;
        case 'ArrowLeft':
          moveFocus(-1);
          break;
        case 'ArrowDown':
          if (view.detailId) return;
          moveFocus(columns);
          break;
        case 'ArrowUp':
          if (view.detailId) return;
          moveFocus(-columns);
          break;
        case 'Enter':
          if (!library.focusedId || view.detailId || event.target instanceof HTMLButtonElement) return;
          view.openDetail(library.focusedId);
          break;
        case 'f':
        case 'F':
          if (!focused) return;
          void favorite(targets(), !focused.favorite);
          break;
        case 'Delete':
        case 'Backspace': {
          const ids = targets();
          if (ids.length === 0 || focused?.trashed) return;
          void trash(ids);
          break;
        }
        default:
          if (/^[0-5]$/.test(event.key) && targets().length > 0) {
            void rate(targets(), Number(event.key));
            break;
          }
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
