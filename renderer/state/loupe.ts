/**
 * The detail view's zoom, as Lightroom's Loupe has it: the image fits the stage until the person
 * zooms; then it stays at the scale they chose, panned where they put it, never pushed off
 * the stage. Fit follows the stage's size (a window resize keeps it fitting). Zooming out to or
 * below the fit scale is fit again. The arithmetic is the shared view transform's. Pure.
 */
import {
  actualSizeView,
  clampView,
  fitView,
  MAX_SCALE,
  panBy,
  screenToImage,
  zoomAt,
  type Point,
  type View,
} from '../ui/view-transform';

export interface Size {
  width: number;
  height: number;
}

/** The image's natural size and the stage's size, both in CSS pixels. */
export interface Frame {
  image: Size;
  stage: Size;
}

export type Zoom = { kind: 'fit' } | { kind: 'free'; view: View };

export const FIT: Zoom = { kind: 'fit' };
/** Space kept around the fitted image, in CSS pixels. */
const FIT_MARGIN = 12;
/** + and - zoom by this factor; ×2 reaches 100 % from 50 % in one press. */
export const KEY_ZOOM = 2;

export function fitOf(frame: Frame): View {
  return fitView(frame.image.width, frame.image.height, frame.stage.width, frame.stage.height, FIT_MARGIN);
}

export function viewOf(zoom: Zoom, frame: Frame): View {
  // A zoomed view is clamped again here, so a window made larger never shows an empty band.
  return zoom.kind === 'fit' ? fitOf(frame) : clamp(zoom.view, frame);
}

export function isZoomed(zoom: Zoom): boolean {
  return zoom.kind === 'free';
}

function clamp(view: View, frame: Frame): View {
  return clampView(view, frame.image.width, frame.image.height, frame.stage.width, frame.stage.height);
}

function centre(frame: Frame): Point {
  return { x: frame.stage.width / 2, y: frame.stage.height / 2 };
}

/**
 * Fit ↔ 100 %. From fit, the image point under `anchor` (a double-click) stays under it, so the
 * person lands on what they pointed at; without an anchor 100 % is centred. From any zoom: fit.
 */
export function toggleZoom(zoom: Zoom, frame: Frame, anchor?: Point): Zoom {
  if (zoom.kind === 'free') return FIT;
  const { image, stage } = frame;
  if (!anchor)
    return { kind: 'free', view: clamp(actualSizeView(image.width, image.height, stage.width, stage.height), frame) };
  const at = screenToImage(fitOf(frame), anchor);
  return { kind: 'free', view: clamp({ scale: 1, offsetX: anchor.x - at.x, offsetY: anchor.y - at.y }, frame) };
}

/** Zooms by `factor` about `anchor` (the pointer; the stage's centre for keys). */
export function zoomBy(zoom: Zoom, frame: Frame, factor: number, anchor: Point = centre(frame)): Zoom {
  const fit = fitOf(frame);
  const from = viewOf(zoom, frame);
  const scale = Math.min(MAX_SCALE, from.scale * factor);
  // At or below fit there is nothing to pan: that is fit, and it follows the window again.
  if (scale <= fit.scale * 1.0001) return FIT;
  return { kind: 'free', view: clamp(zoomAt(from, scale / from.scale, anchor), frame) };
}

/** Moves a zoomed image by (dx, dy) screen pixels (a drag, or arrow keys); fit does not pan. */
export function panZoom(zoom: Zoom, frame: Frame, dx: number, dy: number): Zoom {
  if (zoom.kind === 'fit') return zoom;
  // From where the image is shown now (the stage may have changed size since it was zoomed).
  return { kind: 'free', view: clamp(panBy(viewOf(zoom, frame), dx, dy), frame) };
}

/** What the zoom readout says: "Fit · 71 %" (the scale fit comes to) or the scale ("100 %"). */
export function zoomLabel(zoom: Zoom, frame: Frame | null): string {
  const percent = (scale: number) => `${Math.round(scale * 100)} %`;
  if (zoom.kind === 'free') return percent(zoom.view.scale);
  return frame ? `Fit · ${percent(fitOf(frame).scale)}` : 'Fit';
}
