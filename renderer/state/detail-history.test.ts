import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, popHop, pushHop } from './detail-history';

describe('Back through lineage hops', () => {
  it('returns hop by hop to the images the links were followed from, newest first', () => {
    let stack = pushHop([], 'a', 'b');
    stack = pushHop(stack, 'b', 'c');
    const first = popHop(stack);
    expect(first?.to).toBe('b');
    const second = popHop(first!.stack);
    expect(second?.to).toBe('a');
    expect(popHop(second!.stack)).toBeNull();
  });

  it('a link to the image already open is not a hop', () => {
    expect(pushHop(['a'], 'b', 'b')).toEqual(['a']);
  });

  it('keeps the most recent hops when the trail grows very long', () => {
    let stack: string[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) stack = pushHop(stack, `g${i}`, `g${i + 1}`);
    expect(stack).toHaveLength(HISTORY_LIMIT);
    expect(stack.at(-1)).toBe(`g${HISTORY_LIMIT + 4}`);
    expect(stack[0]).toBe('g5');
  });
});
