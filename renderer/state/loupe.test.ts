import { describe, expect, it } from 'vitest';
import { screenToImage } from '../ui/view-transform';
import { FIT, fitOf, isZoomed, panZoom, toggleZoom, viewOf, zoomBy, zoomLabel, type Frame } from './loupe';

// A 2000×1000 image on an 824×524 stage: fit is 0.4 (800×400 inside 12 px margins).
const frame: Frame = { image: { width: 2000, height: 1000 }, stage: { width: 824, height: 524 } };

describe('the viewer’s zoom', () => {
  it('starts fitted, and fit follows the stage when the window changes', () => {
    expect(zoomLabel(FIT, null)).toBe('Fit');
    expect(zoomLabel(FIT, frame)).toBe('Fit · 40 %');
    expect(fitOf(frame).scale).toBeCloseTo(0.4);
    const wider = { ...frame, stage: { width: 1624, height: 1024 } };
    expect(viewOf(FIT, wider).scale).toBeCloseTo(0.8);
  });

  it('a double-click zooms to 100 % keeping the clicked image point under the pointer', () => {
    const anchor = { x: 300, y: 250 };
    const before = screenToImage(fitOf(frame), anchor);
    const zoomed = toggleZoom(FIT, frame, anchor);
    expect(zoomLabel(zoomed, frame)).toBe('100 %');
    const after = screenToImage(viewOf(zoomed, frame), anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(toggleZoom(zoomed, frame, anchor)).toEqual(FIT);
  });

  it('100 % without a pointer shows the image’s centre', () => {
    const view = viewOf(toggleZoom(FIT, frame), frame);
    expect(view.scale).toBe(1);
    expect(screenToImage(view, { x: 412, y: 262 })).toEqual({ x: 1000, y: 500 });
  });

  it('a drag pans by exactly its distance, but never past the image’s edge', () => {
    const zoomed = toggleZoom(FIT, frame);
    const start = viewOf(zoomed, frame);
    const moved = viewOf(panZoom(zoomed, frame, 100, -50), frame);
    expect(moved.offsetX - start.offsetX).toBe(100);
    expect(moved.offsetY - start.offsetY).toBe(-50);
    const farLeft = viewOf(panZoom(zoomed, frame, 5000, 5000), frame);
    expect(farLeft.offsetX).toBe(0);
    expect(farLeft.offsetY).toBe(0);
    const farRight = viewOf(panZoom(zoomed, frame, -5000, -5000), frame);
    expect(farRight.offsetX).toBe(824 - 2000);
    expect(farRight.offsetY).toBe(524 - 1000);
  });

  it('after the window grows, a drag moves the image from where it is shown, by exactly the drag', () => {
    const zoomed = toggleZoom(FIT, frame); // centred on the 824 px stage: 588 px beyond each side
    const larger: Frame = { ...frame, stage: { width: 1800, height: 900 } }; // now 200 and 100 px in all
    const shown = viewOf(zoomed, larger);
    const moved = viewOf(panZoom(zoomed, larger, 10, 10), larger);
    expect(moved.offsetX - shown.offsetX).toBe(10);
    expect(moved.offsetY - shown.offsetY).toBe(10);
  });

  it('fit does not pan', () => {
    expect(panZoom(FIT, frame, 100, 100)).toEqual(FIT);
  });

  it('the wheel zooms about the pointer, and zooming out to fit or below is fit again', () => {
    const anchor = { x: 600, y: 300 };
    const before = screenToImage(fitOf(frame), anchor);
    const zoomed = zoomBy(FIT, frame, 1.5, anchor);
    expect(isZoomed(zoomed)).toBe(true);
    expect(zoomLabel(zoomed, frame)).toBe('60 %');
    const after = screenToImage(viewOf(zoomed, frame), anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(zoomBy(zoomed, frame, 1 / 1.5, anchor)).toEqual(FIT);
    expect(zoomBy(FIT, frame, 0.5)).toEqual(FIT);
  });

  it('zooming in near an edge does not pull the image away from that edge', () => {
    // Fit leaves a 62 px band above the image; ×1.5 about a point near its top would leave 43 px.
    const view = viewOf(zoomBy(FIT, frame, 1.5, { x: 412, y: 100 }), frame);
    expect(view.offsetY).toBe(0);
  });

  it('an image smaller than the stage is centred at 100 %, with nothing to pan', () => {
    const small: Frame = { image: { width: 200, height: 100 }, stage: frame.stage };
    const zoomed = toggleZoom(FIT, small, { x: 10, y: 10 });
    const view = viewOf(zoomed, small);
    expect(view).toEqual({ scale: 1, offsetX: 312, offsetY: 212 });
    expect(viewOf(panZoom(zoomed, small, 50, 50), small)).toEqual(view);
  });
});
