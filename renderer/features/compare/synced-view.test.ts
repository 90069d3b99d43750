import { describe, expect, it } from 'vitest';
import { imageToScreen, screenToImage } from '../../ui/view-transform';
import { actualSizeAt, fitShared, paneView, panShared, zoomSharedAt } from './synced-view';

const pane = { width: 600, height: 400 };
const square = { width: 1024, height: 1024 };

describe('synced zoom and pan across panes', () => {
  it('fits the largest image whole, centred, at one scale for every pane', () => {
    const shared = fitShared([square, { width: 512, height: 512 }], pane, 0);
    expect(shared.scale).toBeCloseTo(400 / 1024);
    const big = paneView(shared, square, pane);
    expect(imageToScreen(big, { x: 512, y: 512 })).toEqual({ x: 300, y: 200 });
    const small = paneView(shared, { width: 512, height: 512 }, pane);
    expect(imageToScreen(small, { x: 256, y: 256 })).toEqual({ x: 300, y: 200 });
  });

  it('zooming about a point in one pane keeps that image point under the pointer in every pane', () => {
    const start = fitShared([square], pane);
    const anchor = { x: 420, y: 130 };
    const before = screenToImage(paneView(start, square, pane), anchor);
    const zoomed = zoomSharedAt(start, 3, square, pane, anchor);
    expect(zoomed.scale).toBeCloseTo(start.scale * 3);
    // Same-size images in equal panes: B shows exactly what A shows.
    const after = screenToImage(paneView(zoomed, square, pane), anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('100 % is one image pixel per CSS pixel, the point under the pointer kept', () => {
    const start = fitShared([square], pane);
    const anchor = { x: 100, y: 100 };
    const before = screenToImage(paneView(start, square, pane), anchor);
    const actual = actualSizeAt(start, square, pane, anchor);
    expect(actual.scale).toBe(1);
    const after = screenToImage(paneView(actual, square, pane), anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('pans every pane by the same screen distance', () => {
    const moved = panShared({ scale: 2, dx: 0, dy: 0 }, 30, -10);
    const a = paneView(moved, square, pane);
    const b = paneView({ scale: 2, dx: 0, dy: 0 }, square, pane);
    expect(a.offsetX - b.offsetX).toBe(30);
    expect(a.offsetY - b.offsetY).toBe(-10);
  });
});
