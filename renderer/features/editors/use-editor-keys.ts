/**
 * Keys for an open editor. Listens first (capture on window) and keeps every key from the app's
 * own shortcuts underneath, so a digit typed into a border field never rates the focused image.
 */
import { useEffect, useRef } from 'react';

export function useEditorKeys(handle: (event: KeyboardEvent) => boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      event.stopPropagation();
      if (latest.current(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}

/** Ctrl+Z / ⌘+Z (undo) and Shift+Ctrl+Z / ⌘+Shift+Z / Ctrl+Y (redo); null for any other key. */
export function undoRedoKey(event: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
