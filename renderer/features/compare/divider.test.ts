import { describe, expect, it } from 'vitest';
import { percentAfterKey, percentAt } from './divider';

describe('the compare divider', () => {
  it('goes where the pointer is on the image, and stays on the image when the pointer leaves it', () => {
    const box = { left: 100, width: 400 };
    expect(percentAt(200, box)).toBe(25);
    expect(percentAt(500, box)).toBe(100);
    expect(percentAt(40, box)).toBe(0);
    expect(percentAt(900, box)).toBe(100);
  });

  it('steps by 1 with the arrows, 10 with Shift or the Page keys, and jumps to the edges with Home/End', () => {
    expect(percentAfterKey('ArrowLeft', false, 50)).toBe(49);
    expect(percentAfterKey('ArrowRight', false, 50)).toBe(51);
    expect(percentAfterKey('ArrowRight', true, 50)).toBe(60);
    expect(percentAfterKey('PageDown', false, 50)).toBe(40);
    expect(percentAfterKey('Home', false, 50)).toBe(0);
    expect(percentAfterKey('End', false, 50)).toBe(100);
    expect(percentAfterKey('ArrowLeft', true, 4)).toBe(0);
    expect(percentAfterKey('Enter', false, 50)).toBeNull();
  });
});
