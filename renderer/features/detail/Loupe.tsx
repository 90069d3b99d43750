/**
 * The image itself, fitted or zoomed (the zoom lives in the viewer store, see `loupe.ts`):
 * double-click toggles fit ↔ 100 % on the point clicked, the wheel zooms about the pointer, a
 * drag pans a zoomed image. The image is drawn at its natural size and moved by a transform, so
 * 100 % is one image pixel per CSS pixel whatever the stage's size. Mounted once per image
 * (keyed by id), so a new image starts from its own size.
 */
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { Generation } from '../../../shared/types';
import { isZoomed, viewOf, type Size } from '../../state/loupe';
import { useViewerStore } from '../../state/viewer-store';
import { localPoint, useViewportSize } from '../../ui/use-viewport';
import { wheelFactor } from '../../ui/view-transform';

function sizeOf(gen: Generation): Size | null {
  return gen.width && gen.height ? { width: gen.width, height: gen.height } : null;
}

export function Loupe({ gen }: { gen: Generation }) {
  const stageRef = useRef<HTMLDivElement>(null);
  const stage = useViewportSize(stageRef);
  // The record's size until the file has loaded; then the file's own, which is the truth.
  const [natural, setNatural] = useState<Size | null>(() => sizeOf(gen));
  const zoom = useViewerStore((s) => s.zoom);
  const frame = useViewerStore((s) => s.frame);
  const drag = useRef<{ pointerId: number; x: number; y: number } | null>(null);
  const [panning, setPanning] = useState(false);

  useEffect(() => useViewerStore.getState().setFrame(natural, stage), [natural, stage]);

  // The wheel zooms; a native listener because React's wheel listener is passive and the page
  // must not scroll underneath.
  useEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      useViewerStore.getState().zoomBy(wheelFactor(event.deltaY), localPoint(el, event));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || !isZoomed(useViewerStore.getState().zoom)) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    setPanning(true);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== event.pointerId) return;
    useViewerStore.getState().pan(event.clientX - d.x, event.clientY - d.y);
    drag.current = { ...d, x: event.clientX, y: event.clientY };
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId !== event.pointerId) return;
    drag.current = null;
    setPanning(false);
  };

  const view = frame ? viewOf(zoom, frame) : null;
  const className = ['loupe-stage', isZoomed(zoom) ? 'zoomed' : '', panning ? 'panning' : ''].join(' ').trim();
  return (
    <div
      ref={stageRef}
      className={className}
      data-testid="loupe"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={(e) => {
        if (stageRef.current) useViewerStore.getState().toggleZoom(localPoint(stageRef.current, e));
      }}
    >
      <img
        src={gen.imageUrl}
        alt={`Full-size image, ${gen.width ?? '?'}×${gen.height ?? '?'}`}
        draggable={false}
        onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
        style={
          view && frame
            ? {
                width: frame.image.width,
                height: frame.image.height,
                transform: `translate(${view.offsetX}px, ${view.offsetY}px) scale(${view.scale})`,
              }
            : { visibility: 'hidden' }
        }
      />
    </div>
  );
}
