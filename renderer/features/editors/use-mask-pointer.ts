/**
 * Pointer input of the mask painter: a brush or eraser stroke in image pixels (mouse, touch, and
 * pen with pressure → size, using every coalesced sample), panning with the pan tool, Space or the
 * middle button, and wheel zoom about the pointer. Draws live into the mask and hands the finished
 * stroke over to be recorded for undo.
 */
import { useRef, type Dispatch, type PointerEvent, type RefObject, type SetStateAction, type WheelEvent } from 'react';
import type { MaskDocument } from './mask-document';
import {
  pressureRadius,
  stampDab,
  strokeSegment,
  type Brush,
  type Rect,
  type Stroke,
  type StrokePoint,
} from './mask-raster';
import { localPoint } from './use-viewport';
import { panBy, screenToImage, zoomAt, type View } from './view-transform';

interface Drag {
  pointerId: number;
  kind: 'paint' | 'pan';
  last: { x: number; y: number };
  stroke: Stroke | null;
}

interface MaskPointerOptions {
  viewport: RefObject<HTMLDivElement | null>;
  view: View | null;
  setView: Dispatch<SetStateAction<View | null>>;
  doc: RefObject<MaskDocument | null>;
  brush: Brush;
  /** The pan tool is on or Space is held. */
  panning: boolean;
  redraw(rect: Rect): void;
  commit(stroke: Stroke): void;
  /** The person moved or zoomed the view: it stops following the window's size. */
  onViewTouched(): void;
  setCursor(point: { x: number; y: number }): void;
}

export function useMaskPointer(options: MaskPointerOptions) {
  const { viewport, view, setView, doc, redraw, commit, onViewTouched, setCursor } = options;
  const drag = useRef<Drag | null>(null);

  const pointAt = (sample: { clientX: number; clientY: number; pressure: number; pointerType: string }) => {
    if (!view || !viewport.current) return null;
    const p = screenToImage(view, localPoint(viewport.current, sample));
    // Only a pen reports real pressure; a mouse button reads 0.5 and must not halve the brush.
    const pressure = sample.pointerType === 'pen' && sample.pressure > 0 ? sample.pressure : 1;
    return { x: p.x, y: p.y, pressure } satisfies StrokePoint;
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const d = doc.current;
    if (!d || !viewport.current || drag.current) return;
    const panning = options.panning || event.button === 1;
    if (event.button !== 0 && event.button !== 1) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const last = localPoint(viewport.current, event);
    if (panning) {
      onViewTouched();
      drag.current = { pointerId: event.pointerId, kind: 'pan', last, stroke: null };
      return;
    }
    const point = pointAt(event);
    if (!point) return;
    const stroke: Stroke = { brush: options.brush, points: [point] };
    drag.current = { pointerId: event.pointerId, kind: 'paint', last, stroke };
    redraw(stampDab(d.mask, point.x, point.y, pressureRadius(stroke.brush.radius, point.pressure), stroke.brush));
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!viewport.current) return;
    const here = localPoint(viewport.current, event);
    setCursor(here);
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    if (current.kind === 'pan') {
      setView((v) => v && panBy(v, here.x - current.last.x, here.y - current.last.y));
      current.last = here;
      return;
    }
    const d = doc.current;
    const stroke = current.stroke;
    if (!d || !stroke) return;
    // Pens and fast mice deliver several samples per frame; use them all for a smooth stroke.
    const samples =
      typeof event.nativeEvent.getCoalescedEvents === 'function' ? event.nativeEvent.getCoalescedEvents() : [];
    const events = samples.length > 0 ? samples : [event.nativeEvent];
    for (const sample of events) {
      const point = pointAt(sample);
      const previous = stroke.points.at(-1);
      if (!point || !previous) continue;
      stroke.points.push(point);
      redraw(strokeSegment(d.mask, previous, point, stroke.brush));
    }
    current.last = here;
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drag.current = null;
    if (current.kind === 'paint' && current.stroke) commit(current.stroke);
  };

  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    if (!viewport.current || !view) return;
    const anchor = localPoint(viewport.current, event);
    onViewTouched();
    setView(zoomAt(view, Math.exp(-event.deltaY / 400), anchor));
  };

  return { onPointerDown, onPointerMove, onPointerUp, onWheel };
}
