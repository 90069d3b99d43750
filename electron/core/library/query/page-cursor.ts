/**
 * Keyset cursors for the gallery: a page ends at a row, and the next page starts strictly after
 * that row's sort key (plus id to break ties). Unlike OFFSET this stays stable when new images
 * arrive while someone scrolls, and costs the same on page 500 as on page 1.
 */
import { SeedbankError } from '../../../../shared/errors';

export type LibrarySort = 'newest' | 'oldest' | 'rating';

/** Where a row sits in every order: `seq` is creation time (ms × 1024) plus a tie-breaker. */
export interface SortKey {
  rating: number;
  seq: number;
}

interface SortSpec {
  order: string;
  /** The comparison that selects rows after the cursor. */
  after: string;
  values: (key: SortKey) => number[];
}

export const SORTS: Record<LibrarySort, SortSpec> = {
  newest: { order: 'g.seq DESC', after: 'g.seq < ?', values: (key) => [key.seq] },
  oldest: { order: 'g.seq ASC', after: 'g.seq > ?', values: (key) => [key.seq] },
  rating: {
    order: 'g.rating DESC, g.seq DESC',
    after: '(g.rating, g.seq) < (?, ?)',
    values: (key) => [key.rating, key.seq],
  },
};

export function encodeCursor(sort: LibrarySort, key: SortKey): string {
  return Buffer.from(JSON.stringify([sort, key.rating, key.seq]), 'utf8').toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; one from another sort order or mangled text is refused. */
export function decodeCursor(sort: LibrarySort, cursor: string): SortKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 3 ||
    value[0] !== sort ||
    !Number.isSafeInteger(value[1]) ||
    !Number.isSafeInteger(value[2])
  ) {
    throw new SeedbankError(
      'INVALID_INPUT',
      'That page cursor is not valid for this list; start again from the top',
      'cursor',
    );
  }
  return { rating: value[1] as number, seq: value[2] as number };
}
