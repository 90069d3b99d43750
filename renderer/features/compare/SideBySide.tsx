/**
 * The compared images side by side in panes that zoom and pan together: wheel, drag, double-click
 * or keys on any pane, and Fit / 100 % for all. Each pane draws its image through the shared view
 * (synced-view.ts), so the same part of every image is on screen at the same magnification.
 */
import { useRef, useState, type RefObject } from 'react';
import { useViewportSize } from '../../ui/use-viewport';
import type { Point, View } from '../../ui/view-transform';
import type { Lettered } from './lettered';
import { actualSizeAt, fitShared, panShared, paneView, zoomSharedAt, type SharedView, type Size } from './synced-view';
import { usePaneGestures, type PaneActions } from './use-pane-gestures';

export function SideBySide({ shown, onOpen }: { shown: Lettered[]; onOpen(id: string): void }) {
  const [zoom, setZoom] = useState<SharedView | 'fit'>('fit');
  const [natural, setNatural] = useState<Record<string, Size>>({});
  const firstPane = useRef<HTMLDivElement>(null);
  const pane = useViewportSize(firstPane);
  const sizeOf = (entry: Lettered): Size =>
    natural[entry.gen.id] ?? { width: entry.gen.width ?? 1024, height: entry.gen.height ?? 1024 };
  const current = pane && (zoom === 'fit' ? fitShared(shown.map(sizeOf), pane) : zoom);

  // From the latest state, not this render's: several wheel events can arrive before the next render.
  const apply = (change: (view: SharedView, pane: Size) => SharedView) => {
    if (!pane) return;
    const sizes = shown.map(sizeOf);
    setZoom((z) => change(z === 'fit' ? fitShared(sizes, pane) : z, pane));
  };
  const actionsFor = (entry: Lettered): PaneActions => {
    const image = sizeOf(entry);
    const toActual = (anchor: Point) => apply((v, p) => actualSizeAt(v, image, p, anchor));
    return {
      zoomAt: (factor, anchor) => apply((v, p) => zoomSharedAt(v, factor, image, p, anchor)),
      panBy: (dx, dy) => apply((v) => panShared(v, dx, dy)),
      fit: () => setZoom('fit'),
      actualSizeAt: toActual,
      toggleAt: (anchor) => (zoom === 'fit' ? toActual(anchor) : setZoom('fit')),
    };
  };
  const centre = pane ? { x: pane.width / 2, y: pane.height / 2 } : { x: 0, y: 0 };
  const first = shown[0];

  return (
    <div className="compare-side-wrap">
      <div className="compare-zoom" role="toolbar" aria-label="Zoom (all images)">
        <button type="button" className={zoom === 'fit' ? 'on' : ''} onClick={() => setZoom('fit')}>
          Fit
        </button>
        <button
          type="button"
          className={current?.scale === 1 ? 'on' : ''}
          onClick={() => first && actionsFor(first).actualSizeAt(centre)}
        >
          100 %
        </button>
        <output aria-label="Zoom" data-testid="compare-zoom">
          {current ? `${Math.round(current.scale * 100)} %` : ''}
        </output>
        <span className="hint">Wheel or + - to zoom, drag to pan, double-click for 100 %: every image follows</span>
      </div>
      <div className="compare-side" style={{ gridTemplateColumns: `repeat(${shown.length}, minmax(0, 1fr))` }}>
        {shown.map((entry, i) => (
          <ZoomPane
            key={entry.gen.id}
            entry={entry}
            paneRef={i === 0 ? firstPane : undefined}
            transform={current && pane ? cssTransform(paneView(current, sizeOf(entry), pane)) : null}
            size={sizeOf(entry)}
            actions={actionsFor(entry)}
            onNaturalSize={(size) =>
              setNatural((n) =>
                n[entry.gen.id]?.width === size.width && n[entry.gen.id]?.height === size.height
                  ? n
                  : { ...n, [entry.gen.id]: size },
              )
            }
            onOpen={() => onOpen(entry.gen.id)}
          />
        ))}
      </div>
    </div>
  );
}

function cssTransform({ scale, offsetX, offsetY }: View): string {
  return `translate(${offsetX}px, ${offsetY}px) scale(${scale})`;
}

interface ZoomPaneProps {
  entry: Lettered;
  paneRef: RefObject<HTMLDivElement | null> | undefined;
  transform: string | null;
  size: Size;
  actions: PaneActions;
  onNaturalSize(size: Size): void;
  onOpen(): void;
}

function ZoomPane({ entry, paneRef, transform, size, actions, onNaturalSize, onOpen }: ZoomPaneProps) {
  const own = useRef<HTMLDivElement>(null);
  const ref = paneRef ?? own;
  const gestures = usePaneGestures(ref, actions);
  return (
    <figure className="compare-pane-figure">
      <div
        ref={ref}
        className="compare-pane"
        tabIndex={0}
        role="group"
        aria-label={`Image ${entry.letter}: zoom and pan`}
        data-testid={`pane-${entry.letter}`}
        {...gestures}
      >
        <img
          src={entry.gen.imageUrl}
          alt={`Image ${entry.letter}`}
          draggable={false}
          style={{
            width: size.width,
            height: size.height,
            transform: transform ?? undefined,
            visibility: transform ? 'visible' : 'hidden',
          }}
          onLoad={(e) => {
            const img = e.currentTarget;
            if (img.naturalWidth && img.naturalHeight)
              onNaturalSize({ width: img.naturalWidth, height: img.naturalHeight });
          }}
        />
        <span className="ab-label on-image left">{entry.letter}</span>
      </div>
      <figcaption>
        <span>
          {entry.letter} · seed {entry.gen.seed ?? '—'}
        </span>
        <button type="button" className="link" onClick={onOpen}>
          Open {entry.letter}
        </button>
      </figcaption>
    </figure>
  );
}
