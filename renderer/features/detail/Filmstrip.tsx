/**
 * The gallery's images around the current one, in the gallery's order, as a strip of small
 * thumbnails: only as many as fit the strip's width are rendered (a window, see
 * `gallery-neighbours.ts`), however large the library. The current one is marked; a click opens one.
 */
import { useEffect, useRef } from 'react';
import { filmstripWindow, shouldPrefetch } from '../../state/gallery-neighbours';
import { useLibraryStore } from '../../state/library-store';
import { openInViewer, useViewerStore } from '../../state/viewer-store';
import { useViewportSize } from '../../ui/use-viewport';

/** One thumbnail's width plus the gap, in CSS pixels (viewer.css). */
const CELL = 76;

export function Filmstrip({ currentId }: { currentId: string }) {
  const ref = useRef<HTMLElement>(null);
  const size = useViewportSize(ref);
  const items = useLibraryStore((s) => s.items);
  const lastSeen = useViewerStore((s) => s.lastSeen);
  const index = items.findIndex((g) => g.id === currentId);
  // An image reached through a link, or just deleted, is not in the list: the strip stays where
  // the viewer last was in the gallery.
  const centre = index !== -1 ? index : (lastSeen ?? 0);
  const slots = size ? Math.max(1, Math.floor(size.width / CELL)) : 0;
  const { start, end } = filmstripWindow(items.length, centre, slots);

  useEffect(() => {
    if (end > 0 && shouldPrefetch(items.length, end - 1)) void useLibraryStore.getState().loadMore();
  }, [end, items.length]);

  return (
    <nav className="filmstrip" aria-label="Filmstrip" ref={ref}>
      <ol>
        {items.slice(start, end).map((g) => {
          const current = g.id === currentId;
          return (
            <li key={g.id}>
              <button
                type="button"
                className={current ? 'current' : undefined}
                aria-current={current ? 'true' : undefined}
                title={g.prompt || undefined}
                onClick={() => openInViewer(g.id)}
              >
                <img src={g.thumbUrl} alt={g.prompt || 'Image without a prompt'} draggable={false} />
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
