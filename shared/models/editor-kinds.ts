/**
 * Which editor a model gets, read from its catalog entry (never from its id): a mask painter when
 * one of its image fields is `mask`, the expand editor when its size rule is `expand`.
 */
import type { ModelSpec } from './spec';

export interface MaskSlots {
  /** Slot of the image the mask is painted over. */
  image: number;
  /** Slot the painted mask goes into. */
  mask: number;
}

export function maskSlots(spec: ModelSpec): MaskSlots | null {
  const mask = spec.images.fields.indexOf('mask');
  if (mask < 0) return null;
  const image = spec.images.fields.findIndex((f) => f !== 'mask');
  return image < 0 ? null : { image, mask };
}

export function expandLimits(spec: ModelSpec): { max: number; multiple: number } | null {
  if (spec.size.kind !== 'expand') return null;
  // BFL documents no multiple for expand; a catalog entry that names one is followed.
  const multiple = 'multiple' in spec.size && typeof spec.size.multiple === 'number' ? spec.size.multiple : 1;
  return { max: spec.size.max, multiple };
}
