/**
 * When the rest of the studio may mount: once the gallery's first page has been painted, or after
 * FALLBACK_MS whatever happened (a host that does not answer must not hide the composer). Until
 * then the page renders only the gallery and its shell, so the first paint costs only that.
 */
import { useEffect, useState } from 'react';
import { useLibraryStore } from '../state/library-store';

/** The latest the composer, queue and dialogs wait for the gallery's first page. */
const FALLBACK_MS = 1000;

export function useAfterFirstPage(): boolean {
  const loadedOnce = useLibraryStore((s) => s.loadedOnce);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (ready) return;
    const fallback = setTimeout(() => setReady(true), FALLBACK_MS);
    let frame = 0;
    let afterPaint: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the frame that shows the first page; a timer set there
    // runs after that paint, so the rest of the studio renders behind it, not before it.
    if (loadedOnce) frame = requestAnimationFrame(() => (afterPaint = setTimeout(() => setReady(true), 0)));
    return () => {
      clearTimeout(fallback);
      cancelAnimationFrame(frame);
      clearTimeout(afterPaint);
    };
  }, [loadedOnce, ready]);

  return ready;
}
