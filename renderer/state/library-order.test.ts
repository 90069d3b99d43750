import { describe, expect, it } from 'vitest';
import type { Generation } from '../../shared/types';
import { placeInOrder } from './library-order';

const gen = (id: string, createdAt: string) => ({ id, createdAt }) as Generation;
const a = gen('a', '2026-11-03T00:00:00.000Z');
const b = gen('b', '2026-11-02T00:00:00.000Z');
const c = gen('c', '2026-11-01T00:00:00.000Z');

describe('an image coming back into the view', () => {
  it('goes to its place by date, not on top', () => {
    expect(placeInOrder([a, c], [b], 'newest', false).items.map((g) => g.id)).toEqual(['a', 'b', 'c']);
    expect(placeInOrder([c, a], [b], 'oldest', false).items.map((g) => g.id)).toEqual(['c', 'b', 'a']);
  });

  it('is left for a later page when it is older than everything loaded', () => {
    expect(placeInOrder([a, b], [c], 'newest', true)).toEqual({ items: [a, b], placed: 0 });
    expect(placeInOrder([a, b], [c], 'newest', false).items.map((g) => g.id)).toEqual(['a', 'b', 'c']);
  });
});
