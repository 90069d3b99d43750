/**
 * Whether a generation belongs in the grid under the current filter. Used for images that arrive
 * by event (`library:changed`), so they appear at once without re-querying; the full query on the
 * core is still the truth whenever the filter changes.
 */
import type { z } from 'zod';
import type { LibraryFilterSchema } from '../../shared/api';
import type { Generation } from '../../shared/types';

export type LibraryFilter = z.input<typeof LibraryFilterSchema>;

/** Tags compare without case, as the core's tag column does (COLLATE NOCASE). */
function matchesTags(has: readonly string[], wanted: readonly string[], match: 'all' | 'any'): boolean {
  const own = new Set(has.map((t) => t.toLowerCase()));
  const found = (tag: string) => own.has(tag.trim().toLowerCase());
  return match === 'any' ? wanted.some(found) : wanted.every(found);
}

export function matchesFilter(gen: Generation, filter: LibraryFilter): boolean {
  if (Boolean(filter.trashed) !== gen.trashed) return false;
  if (filter.projectId !== undefined && filter.projectId !== gen.projectId) return false;
  if (filter.model && filter.model !== gen.model) return false;
  if (filter.favorite && !gen.favorite) return false;
  if (filter.minRating && gen.rating < filter.minRating) return false;
  if (filter.tag && !gen.tags.includes(filter.tag)) return false;
  if (filter.tags && filter.tags.length > 0 && !matchesTags(gen.tags, filter.tags, filter.tagMatch ?? 'all'))
    return false;
  if (filter.source && filter.source !== (gen.source?.tool ?? 'seedbank')) return false;
  if (filter.hasReferences !== undefined && filter.hasReferences !== gen.inputs.length > 0) return false;
  // Only the core can follow a chain; here an image that uses no reference is surely no edit.
  if (filter.editsOf && gen.inputs.length === 0) return false;
  if (filter.from && gen.createdAt < filter.from) return false;
  if (filter.to && gen.createdAt > filter.to) return false;
  if (filter.search) {
    // An approximation of the core's full-text match: every word appears in the prompt.
    const upsampled = filter.searchUpsampled ? (gen.upsampledPrompt ?? '') : '';
    const text = `${gen.prompt} ${upsampled} ${gen.tags.join(' ')} ${gen.source?.fileName ?? ''}`.toLowerCase();
    const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.every((w) => text.includes(w.replace(/["*]/g, '')))) return false;
  }
  return true;
}

export function isFilterEmpty(filter: LibraryFilter): boolean {
  // searchUpsampled only widens a search; tagMatch only says how tags combine: neither narrows alone.
  return Object.entries(filter).every(
    ([key, v]) =>
      key === 'searchUpsampled' ||
      key === 'tagMatch' ||
      v === undefined ||
      v === '' ||
      v === false ||
      (Array.isArray(v) && v.length === 0),
  );
}
