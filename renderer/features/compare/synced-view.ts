/**
 * One zoom and pan for several panes side by side: zoom or pan one image and the others follow.
 *
 * The panes share a scale and where the image's centre sits relative to the pane's centre, so two
 * images of the same size show the same pixels, and images of different sizes stay centred on each
 * other at one magnification (100 % is one image pixel per CSS pixel in every pane). Each pane turns
 * the shared view into the editors' `View` and back, so zooming about the pointer is the editors'
 * `zoomAt`, one rule in one place. Pure.
 */
import { fitView, zoomAt, type Point, type View } from '../../ui/view-transform';

export interface SharedView {
  scale: number;
  /** The image centre's offset from the pane centre, in CSS pixels. */
  dx: number;
  dy: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Where one image sits in its pane under the shared view. */
export function paneView(shared: SharedView, image: Size, pane: Size): View {
  return {
    scale: shared.scale,
    offsetX: pane.width / 2 + shared.dx - (image.width * shared.scale) / 2,
    offsetY: pane.height / 2 + shared.dy - (image.height * shared.scale) / 2,
  };
}

/** The shared view that puts this image where `view` puts it. */
export function sharedFromPane(view: View, image: Size, pane: Size): SharedView {
  return {
    scale: view.scale,
    dx: view.offsetX + (image.width * view.scale) / 2 - pane.width / 2,
    dy: view.offsetY + (image.height * view.scale) / 2 - pane.height / 2,
  };
}

/** Every image whole in its pane, at one scale: the largest width and height decide it. */
export function fitShared(images: readonly Size[], pane: Size, margin = 8): SharedView {
  const width = Math.max(1, ...images.map((i) => i.width));
  const height = Math.max(1, ...images.map((i) => i.height));
  return { scale: fitView(width, height, pane.width, pane.height, margin).scale, dx: 0, dy: 0 };
}

/** One image pixel per CSS pixel, keeping the image point under `anchor` (in that pane) where it is. */
export function actualSizeAt(shared: SharedView, image: Size, pane: Size, anchor: Point): SharedView {
  return zoomSharedAt(shared, 1 / shared.scale, image, pane, anchor);
}

/** Zooms by `factor` about `anchor` in one pane; the result applies to every pane. */
export function zoomSharedAt(shared: SharedView, factor: number, image: Size, pane: Size, anchor: Point): SharedView {
  return sharedFromPane(zoomAt(paneView(shared, image, pane), factor, anchor), image, pane);
}

export function panShared(shared: SharedView, dx: number, dy: number): SharedView {
  return { ...shared, dx: shared.dx + dx, dy: shared.dy + dy };
}
