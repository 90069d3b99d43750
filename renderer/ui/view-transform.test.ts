import { describe, expect, it } from 'vitest';
import { clampView, wheelFactor } from './view-transform';

describe('keeping a zoomed image on screen', () => {
  it('lets a larger image pan only until its edge meets the viewport’s edge', () => {
    expect(clampView({ scale: 2, offsetX: 50, offsetY: -900 }, 300, 300, 400, 400)).toEqual({
      scale: 2,
      offsetX: 0,
      offsetY: -200,
    });
    expect(clampView({ scale: 2, offsetX: -100, offsetY: -150 }, 300, 300, 400, 400)).toEqual({
      scale: 2,
      offsetX: -100,
      offsetY: -150,
    });
  });

  it('centres an image smaller than the viewport along that axis', () => {
    expect(clampView({ scale: 1, offsetX: 0, offsetY: -40 }, 200, 600, 400, 400)).toEqual({
      scale: 1,
      offsetX: 100,
      offsetY: -40,
    });
  });
});

describe('the wheel', () => {
  it('zooms in on a wheel turned away, out towards, by inverse amounts', () => {
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(100)).toBeLessThan(1);
    expect(wheelFactor(-100) * wheelFactor(100)).toBeCloseTo(1);
  });
});
