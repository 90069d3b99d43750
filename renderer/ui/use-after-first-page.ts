/**
 * When the rest of the studio may mount: once the gallery's first page has been painted, or after
 * FALLBACK_MS whatever happened (a host that does not answer must not hide the composer). Until
 * then the page renders only the gallery and its shell, so the first paint costs only that.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';

/** The latest the composer, queue and dialogs wait for the gallery's first page. */
const FALLBACK_MS = 2000;

let firstPageShown = false;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/**
 * Called by the gallery once its first page's tiles (or its empty or error state) are in the DOM.
 * Not the library store's "loaded": the virtualized rows come a render after the items do, and
 * the rest of the studio rendering in between would delay them by its whole render.
 */
export function markFirstPageShown(): void {
  if (firstPageShown) return;
  firstPageShown = true;
  listeners.forEach((listener) => listener());
}

export function useAfterFirstPage(): boolean {
  // The third argument is the build-time render's answer (prerender-frame.tsx): not shown yet.
  const shown = useSyncExternalStore(
    subscribe,
    () => firstPageShown,
    () => false,
  );
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (ready) return;
    const fallback = setTimeout(() => setReady(true), FALLBACK_MS);
    let frame = 0;
    let afterPaint: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the frame that shows the first page; a timer set there
    // runs after that paint, so the rest of the studio renders behind it, not before it.
    if (shown) frame = requestAnimationFrame(() => (afterPaint = setTimeout(() => setReady(true), 0)));
    return () => {
      clearTimeout(fallback);
      cancelAnimationFrame(frame);
      clearTimeout(afterPaint);
    };
  }, [shown, ready]);

  return ready;
}
