/**
 * Limits the page needs as plain numbers, in a file without zod: the renderer's first chunk
 * imports them, and importing them from `api.ts` would load every schema with it
 * (docs/performance.md, "First gallery paint").
 */

/** How many tags one filter may name: more than a person picks, few enough to keep the query small. */
export const MAX_FILTER_TAGS = 20;
