/**
 * Zoom and pan input on one side-by-side pane: wheel zooms about the pointer, dragging pans,
 * double-click toggles fit / 100 % at the pointer, and on the focused pane + − zoom, 0 fits,
 * 1 shows 100 % and the arrows pan. The pane only reports what was asked; the compare view applies
 * it to the shared view so every pane follows.
 */
import { useEffect, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { localPoint } from '../../ui/use-viewport';
import { wheelFactor, type Point } from '../../ui/view-transform';

export interface PaneActions {
  zoomAt(factor: number, anchor: Point): void;
  panBy(dx: number, dy: number): void;
  fit(): void;
  actualSizeAt(anchor: Point): void;
  /** Fit when zoomed, 100 % at `anchor` when fitted. */
  toggleAt(anchor: Point): void;
}

const KEY_ZOOM = 1.25;
const KEY_PAN = 40;

export function usePaneGestures(pane: RefObject<HTMLDivElement | null>, actions: PaneActions) {
  const drag = useRef<{ pointerId: number; last: Point } | null>(null);
  // The wheel listener is registered once; it reads the latest actions through this ref.
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const el = pane.current;
    if (!el) return;
    // Not React's onWheel: that one is passive, and the wheel must zoom, not scroll the page.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      latest.current.zoomAt(wheelFactor(event.deltaY), localPoint(el, event));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [pane]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if ((event.button !== 0 && event.button !== 1) || !pane.current) return;
    event.preventDefault();
    pane.current.focus();
    try {
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // The pointer is already gone; there is nothing to drag.
    }
    drag.current = { pointerId: event.pointerId, last: localPoint(pane.current, event) };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId || !pane.current) return;
    const here = localPoint(pane.current, event);
    actions.panBy(here.x - current.last.x, here.y - current.last.y);
    current.last = here;
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId === event.pointerId) drag.current = null;
  };
  const onDoubleClick = (event: { clientX: number; clientY: number }) => {
    if (pane.current) actions.toggleAt(localPoint(pane.current, event));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const el = pane.current;
    if (!el) return;
    const centre = { x: el.clientWidth / 2, y: el.clientHeight / 2 };
    const keys: Record<string, () => void> = {
      '+': () => actions.zoomAt(KEY_ZOOM, centre),
      '=': () => actions.zoomAt(KEY_ZOOM, centre),
      '-': () => actions.zoomAt(1 / KEY_ZOOM, centre),
      '0': () => actions.fit(),
      '1': () => actions.actualSizeAt(centre),
      ArrowLeft: () => actions.panBy(KEY_PAN, 0),
      ArrowRight: () => actions.panBy(-KEY_PAN, 0),
      ArrowUp: () => actions.panBy(0, KEY_PAN),
      ArrowDown: () => actions.panBy(0, -KEY_PAN),
    };
    const run = keys[event.key];
    if (!run || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    run();
  };

  return { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onDoubleClick, onKeyDown };
}
