import { describe, expect, it } from 'vitest';
import type { GenerationDetail, LibraryPage } from '../../../../shared/api';
import type { GalleryItem } from '../../../../shared/types';
import { RecentTeamAnswers } from './team-recent-cache';

const page = (id: string): LibraryPage => ({ items: [{ id } as GalleryItem], nextCursor: null, total: null });
const at = new Date('2026-12-01T18:00:00.000Z');

describe('the recent team answers kept for a library that goes away', () => {
  it('answers the same question asked with the filter’s fields in another order, with when it was seen', () => {
    const cache = new RecentTeamAnswers(() => at);
    cache.rememberPage(
      { filter: { minRating: 3, search: 'kite' }, sort: 'newest', cursor: null, limit: 120, count: false },
      page('a'),
    );
    const seen = cache.page({
      filter: { search: 'kite', minRating: 3 },
      sort: 'newest',
      cursor: null,
      limit: 120,
      count: true,
    });
    expect(seen?.value.items.map((g) => g.id)).toEqual(['a']);
    expect(seen?.seenAt).toBe(at.toISOString());
    expect(cache.page({ filter: { search: 'kite' }, sort: 'newest', cursor: null, limit: 120 })).toBeUndefined();
  });

  it('keeps the most recently used pages and lets the oldest go', () => {
    const cache = new RecentTeamAnswers(() => at);
    const ask = (n: number) => ({ filter: {}, sort: 'newest' as const, cursor: `c${n}`, limit: 500 });
    for (let n = 0; n < 32; n++) cache.rememberPage(ask(n), page(`p${n}`));
    cache.page(ask(0)); // used again: now the most recent
    cache.rememberPage(ask(32), page('p32'));
    expect(cache.page(ask(0))).toBeDefined();
    expect(cache.page(ask(1))).toBeUndefined();
    expect(cache.page(ask(32))).toBeDefined();
  });

  it('keeps details by image id', () => {
    const cache = new RecentTeamAnswers(() => at);
    const detail = { generation: { id: 'g1', prompt: 'a red kite' } } as GenerationDetail;
    cache.rememberDetail(detail);
    expect(cache.detail('g1')?.value.generation.prompt).toBe('a red kite');
    expect(cache.detail('g2')).toBeUndefined();
  });
});
