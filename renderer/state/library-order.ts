/**
 * Where an image that comes back into the current view (restored from the Trash, moved back into
 * the project on screen, an undo) belongs in the loaded list: at its place in the sort order, not
 * on top. Images older than everything loaded are left for a later page when there is one.
 */
import type { GalleryItem } from '../../shared/types';

export type OrderedSort = 'newest' | 'oldest';

/** `items` with `entering` put in order by creation time (ties: id, as the core's seq does). */
export function placeInOrder(
  items: readonly GalleryItem[],
  entering: readonly GalleryItem[],
  sort: OrderedSort,
  hasMore: boolean,
): { items: GalleryItem[]; placed: number } {
  const before = (a: GalleryItem, b: GalleryItem) => {
    const newerFirst = a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
    return sort === 'newest' ? newerFirst : !newerFirst;
  };
  const result = [...items];
  let placed = 0;
  for (const g of entering) {
    const index = result.findIndex((other) => before(g, other));
    if (index === -1) {
      // Past the end of what is loaded: it is on a later page unless everything is loaded.
      if (hasMore) continue;
      result.push(g);
    } else {
      result.splice(index, 0, g);
    }
    placed++;
  }
  return { items: result, placed };
}
