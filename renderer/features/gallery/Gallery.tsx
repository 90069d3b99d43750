/**
 * The virtualized grid: only the rows near the viewport are in the DOM (a 100,000-image library
 * keeps a few hundred thumbnails at most), the next page loads by cursor as the end comes near,
 * and the focused image is kept in view when the keyboard moves it.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Generation } from '../../../shared/types';
import { isFilterEmpty } from '../../state/library-filter';
import { useLibraryStore } from '../../state/library-store';
import { useViewStore } from '../../state/view-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Thumb } from './Thumb';

const MIN_CELL = 180;
const GAP = 6;

function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function Gallery() {
  const items = useLibraryStore((s) => s.items);
  const nextCursor = useLibraryStore((s) => s.nextCursor);
  const loading = useLibraryStore((s) => s.loading);
  const loadedOnce = useLibraryStore((s) => s.loadedOnce);
  const error = useLibraryStore((s) => s.error);
  const selected = useLibraryStore((s) => s.selected);
  const focusedId = useLibraryStore((s) => s.focusedId);
  const filter = useLibraryStore((s) => s.filter);
  const openDetail = useViewStore((s) => s.openDetail);
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(scrollRef);
  const columns = Math.max(1, Math.floor((width - 8 + GAP) / (MIN_CELL + GAP)));
  const cell = Math.floor((width - 8 - GAP * (columns - 1)) / columns) || MIN_CELL;
  const rowCount = Math.ceil(items.length / columns);

  useEffect(() => useLibraryStore.getState().setColumns(columns), [columns]);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => cell + GAP,
    overscan: 3,
  });
  useEffect(() => virtualizer.measure(), [cell, virtualizer]);

  const rows = virtualizer.getVirtualItems();
  const lastRow = rows.at(-1)?.index ?? 0;
  // Ask for the next page while about a page of images is still ahead, so fast scrolling never
  // reaches an empty end.
  const prefetchRows = Math.max(12, Math.ceil(400 / columns));
  useEffect(() => {
    if (nextCursor && !loading && lastRow >= rowCount - prefetchRows) void useLibraryStore.getState().loadMore();
  }, [lastRow, rowCount, nextCursor, loading, prefetchRows]);

  // Keep the keyboard focus in view.
  useEffect(() => {
    if (!focusedId) return;
    const index = useLibraryStore.getState().items.findIndex((g) => g.id === focusedId);
    if (index >= 0) virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' });
  }, [focusedId, columns, virtualizer]);

  const onClick = useCallback((gen: Generation, event: MouseEvent) => {
    const mode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'single';
    useLibraryStore.getState().select(gen.id, mode);
  }, []);
  const onOpen = useCallback((gen: Generation) => openDetail(gen.id), [openDetail]);
  const selectedIds = useCallback(() => [...useLibraryStore.getState().selected], []);

  return (
    <div
      className="gallery"
      ref={scrollRef}
      role="grid"
      aria-label="Library"
      aria-rowcount={rowCount}
      aria-busy={loading}
    >
      {error && <ErrorNotice error={error} onRetry={() => void useLibraryStore.getState().reload()} />}
      {loadedOnce && items.length === 0 && !error && (
        <div className="empty-state">
          {!isFilterEmpty(filter) ? (
            <p>Nothing matches. Try fewer words or clear a filter.</p>
          ) : (
            <p>No images yet. Write a prompt and press Generate; new images appear here at once.</p>
          )}
        </div>
      )}
      <div className="gallery-inner" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <div
            key={row.key}
            className="gallery-row"
            role="row"
            aria-rowindex={row.index + 1}
            style={{ transform: `translateY(${row.start}px)`, height: cell, gap: GAP }}
          >
            {items.slice(row.index * columns, row.index * columns + columns).map((gen) => (
              <Thumb
                key={gen.id}
                gen={gen}
                size={cell}
                selected={selected.has(gen.id)}
                focused={focusedId === gen.id}
                onClick={onClick}
                onOpen={onOpen}
                selectedIds={selectedIds}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
