/**
 * The virtualized grid: justified rows at each image's true aspect ratio, only the rows near the
 * viewport in the DOM (a 100,000-image library keeps a few hundred thumbnails at most), running
 * jobs as placeholder tiles where their images will land, the next page loaded by cursor as the
 * end comes near, and the focused image kept in view when the keyboard moves it.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent,
  type RefObject,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { GalleryItem, Job } from '../../../shared/types';
import { useJobsStore } from '../../state/jobs-store';
import { isFilterEmpty } from '../../state/library-filter';
import { useLibraryStore } from '../../state/library-store';
import { useViewStore } from '../../state/view-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useNow } from '../../ui/elapsed';
import { markFirstPageShown } from '../../ui/use-after-first-page';
import { aspectOf, GRID_GAP, GRID_PAD } from '../../ui/grid-geometry';
import { justifyRows } from './justified-layout';
import { pendingJobsFor, requestedAspect } from './pending-jobs';
import { PendingTile } from './PendingTile';
import { Thumb } from './Thumb';

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
  const sort = useLibraryStore((s) => s.sort);
  const jobs = useJobsStore((s) => s.jobs);
  const targetHeight = useViewStore((s) => s.thumbSize);
  const pending = useMemo(() => pendingJobsFor(jobs, filter, sort), [jobs, filter, sort]);
  const now = useNow(pending.length > 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(scrollRef);
  const layout = useMemo(
    () =>
      justifyRows([...pending.map(requestedAspect), ...items.map(aspectOf)], width - GRID_PAD, targetHeight, GRID_GAP),
    [pending, items, width, targetHeight],
  );
  const rowCount = layout.length;
  // Arrow up/down move by about a row: the first row's length.
  const columns = Math.max(1, layout[0]?.widths.length ?? 1);

  useEffect(() => useLibraryStore.getState().setColumns(columns), [columns]);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (layout[index]?.height ?? targetHeight) + GRID_GAP,
    overscan: 3,
  });
  useEffect(() => virtualizer.measure(), [layout, virtualizer]);

  const rows = virtualizer.getVirtualItems();
  // The rest of the studio mounts once the first page is on screen (App.tsx).
  const firstPageShown = loadedOnce && (rows.length > 0 || items.length === 0 || error !== null);
  useEffect(() => {
    if (firstPageShown) markFirstPageShown();
  }, [firstPageShown]);
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
    const index = pending.length + useLibraryStore.getState().items.findIndex((g) => g.id === focusedId);
    const row = layout.findIndex((r) => index >= r.start && index < r.start + r.widths.length);
    if (row >= 0) virtualizer.scrollToIndex(row, { align: 'auto' });
  }, [focusedId, layout, pending.length, virtualizer]);

  const onClick = useCallback((gen: GalleryItem, event: MouseEvent) => {
    const mode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'single';
    useLibraryStore.getState().select(gen.id, mode);
  }, []);
  const onOpen = useCallback((gen: GalleryItem) => openDetail(gen.id), [openDetail]);
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
      {loadedOnce && items.length === 0 && pending.length === 0 && !error && (
        <div className="empty-state">
          {!isFilterEmpty(filter) ? (
            <p>Nothing matches. Try fewer words or clear a filter.</p>
          ) : (
            <p>No images yet. Write a prompt and press Generate; new images appear here at once.</p>
          )}
        </div>
      )}
      <div className="gallery-inner" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const laid = layout[row.index];
          if (!laid) return null;
          return (
            <div
              key={row.key}
              className="gallery-row"
              role="row"
              aria-rowindex={row.index + 1}
              style={{ transform: `translateY(${row.start}px)`, height: laid.height, gap: GRID_GAP }}
            >
              {laid.widths.map((cellWidth, i) => {
                const index = laid.start + i;
                const job: Job | undefined = pending[index];
                if (job) return <PendingTile key={job.id} job={job} width={cellWidth} height={laid.height} now={now} />;
                const gen = items[index - pending.length];
                if (!gen) return null;
                return (
                  <Thumb
                    key={gen.id}
                    gen={gen}
                    width={cellWidth}
                    height={laid.height}
                    selected={selected.has(gen.id)}
                    focused={focusedId === gen.id}
                    onClick={onClick}
                    onOpen={onOpen}
                    selectedIds={selectedIds}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
