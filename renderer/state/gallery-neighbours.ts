/**
 * Moving through the gallery's current order, one image at a time (arrow keys in the grid and the
 * detail view, the detail view's previous/next buttons), and which neighbours the detail view's
 * filmstrip shows: a fixed window around the current image, so a library of 100,000 images puts
 * a dozen thumbnails on screen, not 100,000. Pure.
 */

/**
 * The index `delta` steps from `index` in a list of `length`, held at the ends; from no position
 * (-1) the first image. `null` for an empty list.
 */
export function stepIndex(length: number, index: number, delta: number): number | null {
  if (length === 0) return null;
  if (index === -1) return 0;
  return Math.min(length - 1, Math.max(0, index + delta));
}

/**
 * Where the viewer's previous (`delta` -1) / next (+1) go in a list of `length`: from `index`,
 * the image shown; when it is not in the list (it was deleted or moved, or reached through a
 * link) from the gap at `lastSeen`, where the gallery last showed the viewer's image, so deleting
 * while culling and pressing → opens the image that took its place. `null`: nothing that way.
 */
export function neighbourIndex(length: number, index: number, lastSeen: number | null, delta: number): number | null {
  let next: number;
  if (index !== -1) next = index + delta;
  else if (lastSeen !== null) next = delta > 0 ? lastSeen + delta - 1 : lastSeen + delta;
  else return null;
  return next >= 0 && next < length ? next : null;
}

/**
 * The half-open range [start, end) of `slots` consecutive indices around `index`, the current one
 * as central as the ends of the list allow (at the ends the window shifts instead of shrinking).
 */
export function filmstripWindow(length: number, index: number, slots: number): { start: number; end: number } {
  const count = Math.max(0, Math.min(length, Math.floor(slots)));
  if (count === 0) return { start: 0, end: 0 };
  const wanted = Math.max(0, index) - Math.floor((count - 1) / 2);
  const start = Math.max(0, Math.min(length - count, wanted));
  return { start, end: start + count };
}

/** Fewer loaded images than this past the current one: fetch the next page before they are reached. */
export const PREFETCH_MARGIN = 60;

export function shouldPrefetch(length: number, index: number): boolean {
  return length - index < PREFETCH_MARGIN;
}
