/** Size arithmetic: aspect ratios, snapping free width/height to a model's rule. */
import { SeedbankError } from '../errors';
import { PIXELS_PER_MP, type ModelSpec, type SizeRule } from './spec';

type WhRule = Extract<SizeRule, { kind: 'wh' }>;

/** `"16:9"` → 16/9, or null when the text is not two positive whole numbers. */
export function parseAspect(text: string): number | null {
  const match = /^\s*(\d{1,5})\s*:\s*(\d{1,5})\s*$/.exec(text);
  if (!match) return null;
  const w = Number(match[1]);
  const h = Number(match[2]);
  return w > 0 && h > 0 ? w / h : null;
}

/** Whether a `W:H` ratio lies inside an aspect rule's range (inclusive). */
export function aspectInRange(text: string, min: string, max: string): boolean {
  const ratio = parseAspect(text);
  const lo = parseAspect(min);
  const hi = parseAspect(max);
  if (ratio === null || lo === null || hi === null) return false;
  // A tiny tolerance so that 3:7 counts as inside 9:21.
  return ratio >= lo - 1e-9 && ratio <= hi + 1e-9;
}

function clampToRule(value: number, rule: WhRule): number {
  const lowest = Math.ceil(rule.min / rule.multiple) * rule.multiple;
  let snapped = Math.max(lowest, Math.round(value / rule.multiple) * rule.multiple);
  if (rule.max !== null) snapped = Math.min(snapped, Math.floor(rule.max / rule.multiple) * rule.multiple);
  return snapped;
}

function snapWh(rule: WhRule, width: number, height: number): { width: number; height: number } {
  let w = clampToRule(width, rule);
  let h = clampToRule(height, rule);
  if (rule.maxMp !== null) {
    const limit = rule.maxMp * PIXELS_PER_MP;
    if (w * h > limit) {
      // Scale both sides down together to keep the shape, then floor to the multiple.
      const scale = Math.sqrt(limit / (w * h));
      w = Math.max(rule.min, Math.floor((w * scale) / rule.multiple) * rule.multiple);
      h = Math.max(rule.min, Math.floor((h * scale) / rule.multiple) * rule.multiple);
    }
  }
  return { width: w, height: h };
}

/** Snaps a free width/height to the model's rule; null when the model takes no width/height. */
export function snapSizeFor(spec: ModelSpec, width: number, height: number): { width: number; height: number } | null {
  if (spec.size.kind !== 'wh') return null;
  if (!Number.isFinite(width) || !Number.isFinite(height)) return null;
  return snapWh(spec.size, width, height);
}

/**
 * About 1 MP with the given ratio, snapped to the model's rule; for aspect-ratio models the ratio
 * itself once it is inside the model's range.
 */
export function sizeForAspectFor(
  spec: ModelSpec,
  aspect: string,
): { width: number; height: number } | { aspect_ratio: string } {
  const ratio = parseAspect(aspect);
  if (ratio === null) {
    throw new SeedbankError('INVALID_INPUT', `aspect_ratio: must look like 16:9`, 'aspect_ratio');
  }
  const size = spec.size;
  switch (size.kind) {
    case 'aspect':
      if (!aspectInRange(aspect, size.min, size.max)) {
        throw new SeedbankError(
          'INVALID_INPUT',
          `aspect_ratio: must be between ${size.min} and ${size.max} (${spec.id})`,
          'aspect_ratio',
        );
      }
      return { aspect_ratio: aspect.replace(/\s+/g, '') };
    case 'wh': {
      const width = Math.sqrt(PIXELS_PER_MP * ratio);
      return snapWh(size, width, width / ratio);
    }
    default:
      throw new SeedbankError(
        'INVALID_INPUT',
        `aspect_ratio: ${spec.id} takes its size from the input image`,
        'aspect_ratio',
      );
  }
}
