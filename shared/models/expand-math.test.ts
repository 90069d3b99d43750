import { describe, expect, it } from 'vitest';
import { getModel } from '../models';
import { expandLimits, maskSlots } from './editor-kinds';
import { borderAfterDrag, bordersForRatio, expandedSize, fitBorder } from './expand-math';

const limits = { max: 2048, multiple: 1 };

describe('border values', () => {
  it('rounds to whole pixels and says so', () => {
    expect(fitBorder(12.4, limits)).toEqual({ value: 12, note: 'Borders are whole pixels: set to 12' });
    expect(fitBorder(100, limits)).toEqual({ value: 100, note: null });
  });

  it('keeps values within 0…max and says which limit it applied', () => {
    expect(fitBorder(5000, limits)).toEqual({ value: 2048, note: 'At most 2048 px: set to 2048' });
    expect(fitBorder(-3, limits)).toEqual({ value: 0, note: 'At least 0 px: set to 0' });
    expect(fitBorder(Number.NaN, limits).value).toBe(0);
  });

  it('follows a multiple when the catalog names one', () => {
    expect(fitBorder(37, { max: 2048, multiple: 16 }).value).toBe(32);
    expect(fitBorder(2047, { max: 2047, multiple: 16 }).value).toBe(2032);
  });

  it('a handle dragged outwards grows its side in image pixels at any zoom', () => {
    expect(borderAfterDrag('left', 0, -50, 0, 0.5, limits)).toBe(100);
    expect(borderAfterDrag('right', 10, 25, 0, 0.5, limits)).toBe(60);
    expect(borderAfterDrag('top', 0, 0, -30, 1, limits)).toBe(30);
    expect(borderAfterDrag('bottom', 40, 0, -100, 1, limits)).toBe(0);
    expect(borderAfterDrag('bottom', 0, 0, 10_000, 1, limits)).toBe(2048);
  });
});

describe('presets', () => {
  it('1:1 around a landscape image adds equal top and bottom', () => {
    const r = bordersForRatio(1024, 768, '1:1', limits);
    expect(r).toEqual({ borders: { top: 128, bottom: 128, left: 0, right: 0 }, reached: true });
    expect(expandedSize(1024, 768, r.borders)).toMatchObject({ width: 1024, height: 1024, megapixels: 1 });
  });

  it('16:9 around a square widens it, the odd pixel on the right', () => {
    const r = bordersForRatio(101, 101, '16:9', limits);
    const size = expandedSize(101, 101, r.borders);
    expect(size.width).toBe(180);
    expect(r.borders.left + 1).toBe(r.borders.right);
    expect(r.borders.top).toBe(0);
  });

  it('9:16 and 4:5 grow the height; 3:2 the width of a square', () => {
    expect(expandedSize(900, 900, bordersForRatio(900, 900, '9:16', limits).borders).height).toBe(1600);
    expect(expandedSize(800, 800, bordersForRatio(800, 800, '4:5', limits).borders).height).toBe(1000);
    expect(expandedSize(600, 600, bordersForRatio(600, 600, '3:2', limits).borders).width).toBe(900);
  });

  it('stops at the limit and says the ratio was not reached', () => {
    const r = bordersForRatio(100, 8000, '16:9', limits);
    expect(r.reached).toBe(false);
    expect(r.borders.left).toBe(2048);
    expect(r.borders.right).toBe(2048);
  });
});

describe('from the catalog', () => {
  it('Fill gets a mask painter and Expand the border editor, by their catalog entries', () => {
    const fill = getModel('flux-pro-1.0-fill');
    const expand = getModel('flux-pro-1.0-expand');
    const pro = getModel('flux-2-pro');
    expect(fill && maskSlots(fill)).toEqual({ image: 0, mask: 1 });
    expect(expand && expandLimits(expand)).toEqual({ max: 2048, multiple: 1 });
    expect(pro && maskSlots(pro)).toBeNull();
    expect(pro && expandLimits(pro)).toBeNull();
  });
});
