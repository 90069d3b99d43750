/**
 * The gallery grid's measures, shared by the React grid (features/gallery/Gallery.tsx) and the pre-paint of the
 * first page (renderer/first-paint.ts), so the tiles painted before React land exactly where
 * React puts them.
 */
import type { GalleryItem } from '../../shared/types';

/** Space between tiles, across and down. */
export const GRID_GAP = 6;
/** The grid's padding, left + right (`.gallery { padding: 4px }`). */
export const GRID_PAD = 8;
/** The tiles' target row height before the person changes it (the size slider). */
export const DEFAULT_THUMB_SIZE = 180;

export const aspectOf = (gen: Pick<GalleryItem, 'width' | 'height'>): number =>
  gen.width && gen.height ? gen.width / gen.height : 1;
