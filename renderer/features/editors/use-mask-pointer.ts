/**
 * Pointer input of the mask painter: a brush or eraser stroke in image pixels (mouse, one finger,
 * and pen with pressure → size, using every coalesced sample), panning with the pan tool, Space or
 * the middle button, two fingers to pinch and pan, and wheel zoom about the pointer. Draws live into the mask and hands the finished
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
import { localPoint } from '../../ui/use-viewport';
import { panBy, pinchView, screenToImage, wheelFactor, zoomAt, type Point, type View } from '../../ui/view-transform';

type Drag =
  | { kind: 'paint' | 'pan'; pointerId: number; last: Point; stroke: Stroke | null }
  /** Two fingers on the screen: pinch and pan, from where they started. */
  | { kind: 'pinch'; ids: [number, number]; start: [Point, Point]; view: View };

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
  /** Drops the stroke being drawn (a second finger turned it into a pinch). */
  discardLive(): void;
  /** The person moved or zoomed the view: it stops following the window's size. */
  onViewTouched(): void;
  setCursor(point: { x: number; y: number }): void;
}

export function useMaskPointer(options: MaskPointerOptions) {
  const { viewport, view, setView, doc, redraw, commit, discardLive, onViewTouched, setCursor } = options;
  const drag = useRef<Drag | null>(null);
  const touches = useRef(new Map<number, Point>());

  /** Tracks fingers; true when this event belongs to a two-finger gesture (started or going on). */
  const pinch = (event: PointerEvent<HTMLDivElement>, phase: 'down' | 'move' | 'up'): boolean => {
    if (event.pointerType !== 'touch' || !viewport.current) return false;
    const here = localPoint(viewport.current, event);
    if (phase === 'up') touches.current.delete(event.pointerId);
    else touches.current.set(event.pointerId, here);
    const current = drag.current;
    if (current?.kind === 'pinch') {
      if (phase === 'up') drag.current = null;
      else if (phase === 'move') {
        const [a, b] = current.ids.map((id) => touches.current.get(id));
        if (a && b) setView(pinchView(current.view, current.start[0], current.start[1], a, b));
      }
      return true;
    }
    if (phase !== 'down' || touches.current.size !== 2 || !view) return false;
    if (current?.kind === 'paint') discardLive();
    const [[idA, a], [idB, b]] = [...touches.current.entries()] as [[number, Point], [number, Point]];
    onViewTouched();
    drag.current = { kind: 'pinch', ids: [idA, idB], start: [a, b], view };
    return true;
  };

  const pointAt = (sample: { clientX: number; clientY: number; pressure: number; pointerType: string }) => {
    if (!view || !viewport.current) return null;
    const p = screenToImage(view, localPoint(viewport.current, sample));
    // Only a pen reports real pressure; a mouse button reads 0.5 and must not halve the brush.
    const pressure = sample.pointerType === 'pen' && sample.pressure > 0 ? sample.pressure : 1;
    return { x: p.x, y: p.y, pressure } satisfies StrokePoint;
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (pinch(event, 'down')) return;
    const d = doc.current;
    if (!d || !viewport.current || drag.current) return;
    const panning = options.panning || event.button === 1;
    if (event.button !== 0 && event.button !== 1) return;
    try {
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // The pointer is already gone (lifted before this ran): the stroke is just its one dab.
    }
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
    if (pinch(event, 'move')) return;
    const current = drag.current;
    if (!current || current.kind === 'pinch' || current.pointerId !== event.pointerId) return;
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
    if (pinch(event, 'up')) return;
    const current = drag.current;
    if (!current || current.kind === 'pinch' || current.pointerId !== event.pointerId) return;
    drag.current = null;
    if (current.kind === 'paint' && current.stroke) commit(current.stroke);
  };

  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    if (!viewport.current || !view) return;
    const anchor = localPoint(viewport.current, event);
    onViewTouched();
    setView(zoomAt(view, wheelFactor(event.deltaY), anchor));
  };

  return { onPointerDown, onPointerMove, onPointerUp, onWheel };
}
