/**
 * The arithmetic of the Expand editor: borders in whole pixels (or the catalog's multiple, should it
 * ever name one), kept within the catalog's limit with a note saying what was adjusted, borders for
 * a target aspect ratio around the image, and the resulting size. Pure.
 */
import { parseAspect } from './size';
import { PIXELS_PER_MP } from './spec';

export const SIDES = ['top', 'bottom', 'left', 'right'] as const;
export type Side = (typeof SIDES)[number];
export type Borders = Record<Side, number>;

export const NO_BORDERS: Borders = { top: 0, bottom: 0, left: 0, right: 0 };

/** The target ratios the editor offers (width:height). */
export const EXPAND_PRESETS = ['1:1', '4:5', '3:2', '16:9', '9:16'] as const;

export interface BorderLimits {
  max: number;
  /** Borders are multiples of this (1 = whole pixels). */
  multiple: number;
}

export interface FittedBorder {
  value: number;
  /** Why the value differs from what was asked, for the note beside the field; null when it doesn't. */
  note: string | null;
}

/** A typed or dragged border, snapped to the multiple and kept within 0…max. */
export function fitBorder(raw: number, limits: BorderLimits): FittedBorder {
  if (!Number.isFinite(raw)) return { value: 0, note: 'Not a number: set to 0' };
  const step = Math.max(1, Math.floor(limits.multiple));
  const top = Math.floor(limits.max / step) * step;
  const snapped = Math.round(raw / step) * step;
  if (snapped > top) return { value: top, note: `At most ${limits.max} px: set to ${top}` };
  if (snapped < 0) return { value: 0, note: 'At least 0 px: set to 0' };
  if (snapped !== raw) {
    const unit = step === 1 ? 'whole pixels' : `multiples of ${step} px`;
    return { value: snapped, note: `Borders are ${unit}: set to ${snapped}` };
  }
  return { value: snapped, note: null };
}

/** The border a handle gives after the pointer moved (dx, dy) screen pixels at this zoom. */
export function borderAfterDrag(
  side: Side,
  start: number,
  dx: number,
  dy: number,
  scale: number,
  limits: BorderLimits,
): number {
  const outward = side === 'left' ? -dx : side === 'right' ? dx : side === 'top' ? -dy : dy;
  return fitBorder(start + outward / scale, limits).value;
}

export interface ExpandedSize {
  width: number;
  height: number;
  megapixels: number;
}

export function expandedSize(width: number, height: number, b: Borders): ExpandedSize {
  const w = width + b.left + b.right;
  const h = height + b.top + b.bottom;
  return { width: w, height: h, megapixels: (w * h) / PIXELS_PER_MP };
}

export interface PresetResult {
  borders: Borders;
  /** False when the limit stopped the borders short of the ratio. */
  reached: boolean;
}

/** Splits `extra` pixels over two sides, the odd step on the second, in multiples of `step`. */
function split(extra: number, step: number): [number, number] {
  const first = Math.floor(extra / 2 / step) * step;
  return [first, extra - first];
}

/**
 * The smallest borders that make the canvas `ratio` (e.g. `16:9`) around the whole image, centred;
 * only one axis grows. Rounded up to the multiple, so the result is the ratio or a hair wider.
 */
export function bordersForRatio(width: number, height: number, ratio: string, limits: BorderLimits): PresetResult {
  const target = parseAspect(ratio);
  if (target === null) throw new Error(`Not a ratio: ${ratio}`);
  const step = Math.max(1, Math.floor(limits.multiple));
  const roundUp = (n: number) => Math.ceil(n / step) * step;
  const cap = Math.floor(limits.max / step) * step;
  if (width / height < target) {
    const extra = roundUp(Math.max(0, Math.ceil(height * target - 1e-9) - width));
    const [left, right] = split(extra, step);
    const fitted = { left: Math.min(cap, left), right: Math.min(cap, right) };
    return { borders: { top: 0, bottom: 0, ...fitted }, reached: fitted.left === left && fitted.right === right };
  }
  const extra = roundUp(Math.max(0, Math.ceil(width / target - 1e-9) - height));
  const [top, bottom] = split(extra, step);
  const fitted = { top: Math.min(cap, top), bottom: Math.min(cap, bottom) };
  return { borders: { left: 0, right: 0, ...fitted }, reached: fitted.top === top && fitted.bottom === bottom };
}

/** Borders from the composer's params (missing or odd values read as 0). */
export function bordersFromParams(params: Record<string, unknown>): Borders {
  const read = (side: Side) => {
    const v = params[side];
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  return { top: read('top'), bottom: read('bottom'), left: read('left'), right: read('right') };
}
