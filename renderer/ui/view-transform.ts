/**
 * Where an image sits on screen in a zoomable viewport (the editors, the detail view's loupe):
 * `screen = image × scale + offset`, in CSS pixels relative to the viewport. Pointer positions go
 * through `screenToImage` so a stroke lands on the same image pixels at any zoom. Pure.
 */

export interface View {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export interface Point {
  x: number;
  y: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 32;

export function screenToImage(view: View, p: Point): Point {
  return { x: (p.x - view.offsetX) / view.scale, y: (p.y - view.offsetY) / view.scale };
}

export function imageToScreen(view: View, p: Point): Point {
  return { x: p.x * view.scale + view.offsetX, y: p.y * view.scale + view.offsetY };
}

/** The whole image centred in the viewport with `margin` CSS pixels around it. */
export function fitView(imageW: number, imageH: number, viewportW: number, viewportH: number, margin = 16): View {
  const scale = Math.max(MIN_SCALE, Math.min((viewportW - 2 * margin) / imageW, (viewportH - 2 * margin) / imageH));
  return { scale, offsetX: (viewportW - imageW * scale) / 2, offsetY: (viewportH - imageH * scale) / 2 };
}

/** One image pixel per CSS pixel, centred. */
export function actualSizeView(imageW: number, imageH: number, viewportW: number, viewportH: number): View {
  return { scale: 1, offsetX: Math.round((viewportW - imageW) / 2), offsetY: Math.round((viewportH - imageH) / 2) };
}

/** Zooms by `factor` keeping the image point under `anchor` (screen) where it is. */
export function zoomAt(view: View, factor: number, anchor: Point): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const at = screenToImage(view, anchor);
  return { scale, offsetX: anchor.x - at.x * scale, offsetY: anchor.y - at.y * scale };
}

/** How much one wheel event zooms: smooth for trackpads (small deltas), one notch ≈ ×1.28. */
export function wheelFactor(deltaY: number): number {
  return Math.exp(-deltaY / 400);
}

/**
 * Keeps the image where it can be seen: along an axis where it is larger than the viewport its
 * edges may not come inside the viewport (no empty band from panning too far); where it is
 * smaller it is centred.
 */
export function clampView(view: View, imageW: number, imageH: number, viewportW: number, viewportH: number): View {
  const axis = (offset: number, image: number, viewport: number) => {
    const size = image * view.scale;
    if (size <= viewport) return Math.round((viewport - size) / 2);
    return Math.min(0, Math.max(viewport - size, offset));
  };
  return {
    scale: view.scale,
    offsetX: axis(view.offsetX, imageW, viewportW),
    offsetY: axis(view.offsetY, imageH, viewportH),
  };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy };
}

/**
 * Two fingers: the view that keeps the image point first under their midpoint under it now, scaled
 * by how far apart they moved (pinch to zoom and pan in one gesture).
 */
export function pinchView(start: View, a0: Point, b0: Point, a1: Point, b1: Point): View {
  const before = Math.hypot(b0.x - a0.x, b0.y - a0.y);
  const after = Math.hypot(b1.x - a1.x, b1.y - a1.y);
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, start.scale * (before > 0 ? after / before : 1)));
  const at = screenToImage(start, { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 });
  const mid = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 };
  return { scale, offsetX: mid.x - at.x * scale, offsetY: mid.y - at.y * scale };
}
