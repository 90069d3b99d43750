/**
 * The mask as Fill needs it: one coverage byte per image pixel (0 = keep, 255 = repaint), with
 * brush dabs rasterised straight into image pixels so the PNG sent is exactly the image's size and
 * its soft edges are the ones the person saw. Pure: no DOM, so it is unit-tested under Node.
 */

export interface MaskBuffer {
  width: number;
  height: number;
  /** Row-major coverage, 0–255. */
  data: Uint8ClampedArray;
}

/** A pixel rectangle, clipped to the image; empty when width or height is 0. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Brush {
  mode: 'paint' | 'erase';
  /** Radius in image pixels. */
  radius: number;
  /** 1 = a hard disc with a one-pixel anti-aliased edge; 0 = soft all the way from the centre. */
  hardness: number;
}

export interface StrokePoint {
  x: number;
  y: number;
  /** 0–1; 1 when the device reports none (mouse, touch). */
  pressure: number;
}

export interface Stroke {
  brush: Brush;
  points: StrokePoint[];
}

export function createMask(width: number, height: number): MaskBuffer {
  return { width, height, data: new Uint8ClampedArray(width * height) };
}

export function cloneMask(mask: MaskBuffer): MaskBuffer {
  return { width: mask.width, height: mask.height, data: mask.data.slice() };
}

const EMPTY: Rect = { x: 0, y: 0, width: 0, height: 0 };

export function unionRect(a: Rect, b: Rect): Rect {
  if (a.width === 0 || a.height === 0) return b;
  if (b.width === 0 || b.height === 0) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

function smoothstep(t: number): number {
  return t * t * (3 - 2 * t);
}

/**
 * How much of a pixel whose centre is `distance` from the dab's centre the brush covers (0–1).
 * The outer edge always fades over one pixel (anti-aliasing); below full hardness the inside
 * fades too, from `radius × hardness` outwards.
 */
export function brushCoverage(distance: number, radius: number, hardness: number): number {
  const edge = Math.min(1, Math.max(0, radius - distance + 0.5));
  if (edge === 0) return 0;
  const inner = radius * Math.min(1, Math.max(0, hardness));
  if (distance <= inner || inner >= radius) return edge;
  const soft = 1 - smoothstep(Math.min(1, (distance - inner) / (radius - inner)));
  return Math.min(edge, soft);
}

/**
 * One round dab at (cx, cy) in image pixels. Painting keeps the larger coverage and erasing the
 * smaller remainder, so overlapping dabs of one stroke never build up into a harder edge.
 * Returns the pixels it may have changed.
 */
export function stampDab(mask: MaskBuffer, cx: number, cy: number, radius: number, brush: Brush): Rect {
  if (!(radius > 0)) return EMPTY;
  const reach = radius + 1;
  const x0 = Math.max(0, Math.floor(cx - reach));
  const y0 = Math.max(0, Math.floor(cy - reach));
  const x1 = Math.min(mask.width, Math.ceil(cx + reach));
  const y1 = Math.min(mask.height, Math.ceil(cy + reach));
  if (x0 >= x1 || y0 >= y1) return EMPTY;
  const { data, width } = mask;
  for (let y = y0; y < y1; y++) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x < x1; x++) {
      const dx = x + 0.5 - cx;
      const cover = brushCoverage(Math.sqrt(dx * dx + dy * dy), radius, brush.hardness);
      if (cover === 0) continue;
      const i = y * width + x;
      const value = Math.round(cover * 255);
      if (brush.mode === 'paint') {
        if (value > data[i]!) data[i] = value;
      } else {
        const left = 255 - value;
        if (left < data[i]!) data[i] = left;
      }
    }
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The radius a pen stroke has at this pressure (never vanishing, so a light touch still marks). */
export function pressureRadius(radius: number, pressure: number): number {
  return radius * Math.min(1, Math.max(0.1, pressure));
}

/** Dabs from `a` to `b` (excluding `a`, which the previous segment or the stroke's start laid). */
export function strokeSegment(mask: MaskBuffer, a: StrokePoint, b: StrokePoint, brush: Brush): Rect {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const spacing = Math.max(
    0.5,
    Math.min(pressureRadius(brush.radius, a.pressure), pressureRadius(brush.radius, b.pressure)) / 4,
  );
  const steps = Math.max(1, Math.ceil(length / spacing));
  let changed = EMPTY;
  for (let s = 1; s <= steps; s++) {
    const t = s / steps;
    const pressure = a.pressure + (b.pressure - a.pressure) * t;
    const r = pressureRadius(brush.radius, pressure);
    changed = unionRect(changed, stampDab(mask, a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, r, brush));
  }
  return changed;
}

/** A whole stroke: a dab at its first point, then each segment. */
export function drawStroke(mask: MaskBuffer, stroke: Stroke): Rect {
  const [first, ...rest] = stroke.points;
  if (!first) return EMPTY;
  let changed = stampDab(mask, first.x, first.y, pressureRadius(stroke.brush.radius, first.pressure), stroke.brush);
  let previous = first;
  for (const point of rest) {
    changed = unionRect(changed, strokeSegment(mask, previous, point, stroke.brush));
    previous = point;
  }
  return changed;
}

export function invertMask(mask: MaskBuffer): void {
  const { data } = mask;
  for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
}

export function clearMask(mask: MaskBuffer): void {
  mask.data.fill(0);
}

/** Whether an RGBA image has any pixel that is not fully opaque. */
export function hasTransparency(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i]! < 255) return true;
  return false;
}

/** Fill repaints the transparent part: coverage = 255 − alpha, partial alpha kept as a soft edge. */
export function maskFromAlpha(mask: MaskBuffer, rgba: Uint8ClampedArray): void {
  if (rgba.length !== mask.data.length * 4) throw new Error('The image and the mask differ in size');
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = 255 - rgba[i * 4 + 3]!;
}

/** The mask as opaque greyscale RGBA (white = repaint), what the PNG encoder takes. */
export function maskToRgba(mask: MaskBuffer): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(mask.data.length * 4);
  for (let i = 0; i < mask.data.length; i++) {
    const v = mask.data[i]!;
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Writes the overlay the person sees (one colour, alpha ∝ coverage) for the changed rectangle. */
export function paintOverlay(
  mask: MaskBuffer,
  rgba: Uint8ClampedArray,
  rect: Rect,
  colour: { r: number; g: number; b: number; opacity: number },
): void {
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = y * mask.width + x;
      const o = i * 4;
      rgba[o] = colour.r;
      rgba[o + 1] = colour.g;
      rgba[o + 2] = colour.b;
      rgba[o + 3] = Math.round(mask.data[i]! * colour.opacity);
    }
  }
}

export function fullRect(mask: MaskBuffer): Rect {
  return { x: 0, y: 0, width: mask.width, height: mask.height };
}
