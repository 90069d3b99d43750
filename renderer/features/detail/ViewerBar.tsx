/**
 * The viewer's controls above the image: Back through lineage hops, previous/next in the
 * gallery's order with the position, and the zoom (Fit, 100 %, −, +, the current scale).
 */
import type { Generation } from '../../../shared/types';
import { useEffect } from 'react';
import { useLibraryStore } from '../../state/library-store';
import { neighbourIndex } from '../../state/gallery-neighbours';
import { isZoomed, KEY_ZOOM, zoomLabel } from '../../state/loupe';
import { openNeighbour, useViewerStore } from '../../state/viewer-store';

export function ViewerBar({ gen }: { gen: Generation }) {
  const index = useLibraryStore((s) => s.items.findIndex((g) => g.id === gen.id));
  const loaded = useLibraryStore((s) => s.items.length);
  const total = useLibraryStore((s) => s.total);
  const zoom = useViewerStore((s) => s.zoom);
  const frame = useViewerStore((s) => s.frame);
  const canGoBack = useViewerStore((s) => s.history.length > 0);
  const viewer = useViewerStore.getState;
  // Remembered so previous/next still work once this image leaves the list (deleted, moved).
  useEffect(() => {
    if (index !== -1) useViewerStore.getState().setLastSeen(index);
  }, [index]);
  const lastSeen = useViewerStore((s) => s.lastSeen);
  const hasPrevious = neighbourIndex(loaded, index, lastSeen, -1) !== null;
  const hasNext = neighbourIndex(loaded, index, lastSeen, 1) !== null;
  const actual = zoom.kind === 'free' && zoom.view.scale === 1;
  return (
    <div className="viewer-bar" role="toolbar" aria-label="Viewer">
      <button
        type="button"
        aria-label="Back"
        aria-keyshortcuts="Alt+ArrowLeft"
        disabled={!canGoBack}
        onClick={() => viewer().back()}
        title="Back to the image the last link was followed from (Alt+←)"
      >
        ← Back
      </button>
      <span className="viewer-nav">
        <button
          type="button"
          aria-label="Previous image"
          title="Previous image (←)"
          aria-keyshortcuts="ArrowLeft"
          disabled={!hasPrevious}
          onClick={() => openNeighbour(-1)}
        >
          ‹
        </button>
        <span className="hint" data-testid="viewer-position">
          {index === -1 ? 'Not in the gallery’s current view' : `${index + 1} of ${Math.max(total ?? loaded, loaded)}`}
        </span>
        <button
          type="button"
          aria-label="Next image"
          title="Next image (→)"
          aria-keyshortcuts="ArrowRight"
          disabled={!hasNext}
          onClick={() => openNeighbour(1)}
        >
          ›
        </button>
      </span>
      <span className="viewer-zoom" role="group" aria-label="Zoom">
        <button type="button" aria-pressed={!isZoomed(zoom)} onClick={() => viewer().fit()} title="Fit (Z)">
          Fit
        </button>
        <button type="button" aria-pressed={actual} onClick={() => viewer().actualSize()} title="100 % (Z)">
          100 %
        </button>
        <button type="button" aria-label="Zoom out" title="Zoom out (−)" onClick={() => viewer().zoomBy(1 / KEY_ZOOM)}>
          −
        </button>
        <button type="button" aria-label="Zoom in" title="Zoom in (+)" onClick={() => viewer().zoomBy(KEY_ZOOM)}>
          +
        </button>
        <output data-testid="zoom-level" aria-live="polite">
          {zoomLabel(zoom, frame)}
        </output>
      </span>
    </div>
  );
}
