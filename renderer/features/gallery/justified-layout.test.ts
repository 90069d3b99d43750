import { describe, expect, it } from 'vitest';
import { justifyRows } from './justified-layout';

describe('justified rows', () => {
  it('keeps each image’s aspect ratio and fills the row’s width', () => {
    const rows = justifyRows([1, 2, 1, 1], 400, 100, 0);
    expect(rows[0]).toEqual({ start: 0, height: 100, widths: [100, 200, 100] });
    // The last row is not stretched to the full width.
    expect(rows[1]).toEqual({ start: 3, height: 100, widths: [100] });
  });

  it('shrinks a full row to fit, gaps included', () => {
    const [row] = justifyRows([1, 1, 1], 250, 100, 5);
    // Three at 100 px would need 310 px: they shrink to (250 − 2 gaps of 5) / 3 = 80 px.
    expect(row?.height).toBe(80);
    expect(row?.widths).toEqual([80, 80, 80]);
  });
});
