/**
 * The `library:changed` event that names no image means "reload": the gallery, its counts and
 * tags come from another state of the library than the page has (a rebuild or import finished,
 * the library was switched, a team library's live feed reconnected and may have missed changes).
 * One rule for the core that sends it and the page that acts on it. Zod-free: the renderer's
 * first chunk imports it.
 */
import type { Generation } from './types';

export interface LibraryChange {
  added: Generation[];
  updated: Generation[];
  removed: string[];
}

/** The "reload" event's payload (fresh lists each time: listeners may keep what they get). */
export function libraryReload(): LibraryChange {
  return { added: [], updated: [], removed: [] };
}

export function isLibraryReload(change: LibraryChange): boolean {
  return change.added.length === 0 && change.updated.length === 0 && change.removed.length === 0;
}
