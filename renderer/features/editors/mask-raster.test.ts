import { describe, expect, it } from 'vitest';
import {
  brushCoverage,
  createMask,
  drawStroke,
  hasTransparency,
  invertMask,
  maskFromAlpha,
  maskToRgba,
  stampDab,
  type Brush,
  type MaskBuffer,
} from './mask-raster';
import { commitStep, newDocument, rebuild, redo, undo, isEmpty } from './mask-document';
import { fitView, pinchView, screenToImage, imageToScreen, zoomAt } from '../../ui/view-transform';

const hard: Brush = { mode: 'paint', radius: 4, hardness: 1 };
const at = (m: MaskBuffer, x: number, y: number) => m.data[y * m.width + x]!;

describe('brush falloff', () => {
  it('a hard brush is solid inside and fades over one pixel at its edge', () => {
    expect(brushCoverage(0, 10, 1)).toBe(1);
    expect(brushCoverage(9.5, 10, 1)).toBe(1);
    expect(brushCoverage(10, 10, 1)).toBe(0.5);
    expect(brushCoverage(10.5, 10, 1)).toBe(0);
  });

  it('a soft brush fades from the centre outwards', () => {
    const values = [0, 2.5, 5, 7.5].map((d) => brushCoverage(d, 10, 0));
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThan(values[i - 1]!);
    expect(brushCoverage(9.9, 10, 0)).toBeLessThan(0.01);
  });
});

describe('dabs and strokes in image pixels', () => {
  it('keeps anti-aliased grey at the edge of a hard dab, white inside, black outside', () => {
    const m = createMask(20, 20);
    stampDab(m, 10, 10, 4, hard);
    expect(at(m, 10, 10)).toBe(255);
    expect(at(m, 0, 0)).toBe(0);
    const edge = [...m.data].filter((v) => v > 0 && v < 255);
    expect(edge.length).toBeGreaterThan(0);
  });

  it('clips a dab at the image edge without wrapping onto the next row', () => {
    const m = createMask(10, 10);
    const rect = stampDab(m, 0, 5, 3, hard);
    expect(rect.x).toBe(0);
    expect(at(m, 0, 5)).toBe(255);
    // A wrap would have painted the right end of the previous row.
    expect(at(m, 9, 4)).toBe(0);
    expect(at(m, 9, 5)).toBe(0);
    const corner = createMask(10, 10);
    stampDab(corner, 10, 10, 3, hard);
    expect(at(corner, 9, 9)).toBe(255);
    expect(stampDab(createMask(10, 10), -20, -20, 3, hard).width).toBe(0);
  });

  it('a stroke covers the line between its points, and only near it', () => {
    const m = createMask(40, 20);
    drawStroke(m, {
      brush: hard,
      points: [
        { x: 5, y: 10, pressure: 1 },
        { x: 35, y: 10, pressure: 1 },
      ],
    });
    for (let x = 5; x < 35; x++) expect(at(m, x, 10)).toBe(255);
    expect(at(m, 20, 2)).toBe(0);
    expect(at(m, 20, 18)).toBe(0);
  });

  it('pen pressure narrows the stroke', () => {
    const full = createMask(40, 40);
    const light = createMask(40, 40);
    const points = (p: number) => [
      { x: 5, y: 20, pressure: p },
      { x: 35, y: 20, pressure: p },
    ];
    drawStroke(full, { brush: { ...hard, radius: 8 }, points: points(1) });
    drawStroke(light, { brush: { ...hard, radius: 8 }, points: points(0.25) });
    expect(at(full, 20, 26)).toBe(255);
    expect(at(light, 20, 26)).toBe(0);
  });

  it('the eraser takes paint away', () => {
    const m = createMask(20, 20);
    stampDab(m, 10, 10, 6, hard);
    stampDab(m, 10, 10, 2, { ...hard, mode: 'erase' });
    expect(at(m, 10, 10)).toBe(0);
    expect(at(m, 10, 14)).toBe(255);
  });
});

describe('screen and image pixels', () => {
  it('a stroke drawn on a half-size view lands on the image pixels under the pointer', () => {
    const view = fitView(400, 200, 232, 132, 16); // 0.5 scale, offset 16,16
    expect(view.scale).toBe(0.5);
    const p = screenToImage(view, { x: 16 + 50, y: 16 + 25 });
    expect(p).toEqual({ x: 100, y: 50 });
    expect(imageToScreen(view, p)).toEqual({ x: 66, y: 41 });
    const m = createMask(400, 200);
    stampDab(m, p.x, p.y, 2, hard);
    expect(at(m, 100, 50)).toBe(255);
  });

  it('zooming keeps the image point under the pointer in place', () => {
    const view = { scale: 1, offsetX: 10, offsetY: 20 };
    const anchor = { x: 110, y: 70 };
    const before = screenToImage(view, anchor);
    const zoomed = zoomAt(view, 2, anchor);
    expect(screenToImage(zoomed, anchor)).toEqual(before);
    expect(zoomed.scale).toBe(2);
  });
});

describe('two fingers', () => {
  it('spreading them zooms about their midpoint, moving them together pans', () => {
    const view = { scale: 1, offsetX: 0, offsetY: 0 };
    const zoomed = pinchView(view, { x: 90, y: 100 }, { x: 110, y: 100 }, { x: 80, y: 100 }, { x: 120, y: 100 });
    expect(zoomed.scale).toBe(2);
    expect(screenToImage(zoomed, { x: 100, y: 100 })).toEqual({ x: 100, y: 100 });
    const panned = pinchView(view, { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 30, y: 40 }, { x: 40, y: 40 });
    expect(panned).toEqual({ scale: 1, offsetX: 30, offsetY: 40 });
  });

  it('a stroke cut short by a second finger leaves no paint behind', () => {
    let doc = newDocument(20, 20);
    doc = commitStep(doc, { kind: 'stroke', stroke: { brush: hard, points: [{ x: 5, y: 5, pressure: 1 }] } });
    drawStroke(doc.mask, { brush: hard, points: [{ x: 15, y: 15, pressure: 1 }] });
    expect(at(doc.mask, 15, 15)).toBe(255);
    doc = rebuild(doc);
    expect(at(doc.mask, 15, 15)).toBe(0);
    expect(at(doc.mask, 5, 5)).toBe(255);
  });
});

describe('mask output', () => {
  it('inverts: painted becomes black and the rest white', () => {
    const m = createMask(4, 1);
    m.data.set([0, 255, 128, 0]);
    invertMask(m);
    expect([...m.data]).toEqual([255, 0, 127, 255]);
  });

  it('writes opaque greyscale pixels, white where painted', () => {
    const m = createMask(2, 1);
    m.data.set([255, 0]);
    expect([...maskToRgba(m)]).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
  });

  it('uses the transparent part of an image as the mask, soft alpha kept', () => {
    const rgba = new Uint8ClampedArray([9, 9, 9, 255, 9, 9, 9, 0, 9, 9, 9, 128]);
    expect(hasTransparency(rgba)).toBe(true);
    expect(hasTransparency(new Uint8ClampedArray([1, 2, 3, 255]))).toBe(false);
    const m = createMask(3, 1);
    maskFromAlpha(m, rgba);
    expect([...m.data]).toEqual([0, 255, 127]);
  });
});

describe('undo and redo', () => {
  it('undo removes the last stroke, redo brings it back, a new stroke forgets the redo', () => {
    let doc = newDocument(20, 20);
    const stroke = (x: number) => ({
      kind: 'stroke' as const,
      stroke: { brush: hard, points: [{ x, y: 10, pressure: 1 }] },
    });
    doc = commitStep(doc, stroke(5));
    doc = commitStep(doc, stroke(15));
    expect(at(doc.mask, 15, 10)).toBe(255);
    doc = undo(doc);
    expect(at(doc.mask, 15, 10)).toBe(0);
    expect(at(doc.mask, 5, 10)).toBe(255);
    doc = redo(doc);
    expect(at(doc.mask, 15, 10)).toBe(255);
    doc = undo(doc);
    doc = commitStep(doc, { kind: 'invert' });
    expect(redo(doc)).toBe(doc);
    expect(at(doc.mask, 5, 10)).toBe(0);
    expect(at(doc.mask, 15, 10)).toBe(255);
    doc = undo(undo(doc));
    expect(isEmpty(doc.mask)).toBe(true);
    expect(undo(doc)).toBe(doc);
  });

  it('undoing a clear brings the strokes before it back', () => {
    let doc = newDocument(20, 20);
    doc = commitStep(doc, { kind: 'stroke', stroke: { brush: hard, points: [{ x: 10, y: 10, pressure: 1 }] } });
    doc = commitStep(doc, { kind: 'clear' });
    expect(isEmpty(doc.mask)).toBe(true);
    doc = undo(doc);
    expect(at(doc.mask, 10, 10)).toBe(255);
  });
});
