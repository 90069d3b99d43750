/**
 * Which editor a model gets, read from its catalog entry (never from its id): a mask painter when
 * one of its image fields is `mask`, the expand editor when its size rule is `expand`; and the
 * rule that a mask has its image's size.
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

export interface PixelSize {
  width: number;
  height: number;
}

/**
 * Why a model's mask cannot go with its image, or null: BFL wants the mask "the same dimensions as
 * the image" (docs/editors.md). Null too while either size is unknown — the core, which knows every
 * stored input's size, checks again before anything is sent.
 */
export function maskSizeProblem(spec: ModelSpec, sizes: readonly (PixelSize | null | undefined)[]): string | null {
  const slots = maskSlots(spec);
  if (!slots) return null;
  const image = sizes[slots.image];
  const mask = sizes[slots.mask];
  if (!image || !mask || (image.width === mask.width && image.height === mask.height)) return null;
  return `the mask is ${mask.width}×${mask.height} but its image is ${image.width}×${image.height}; they must be the same size`;
}

export function expandLimits(spec: ModelSpec): { max: number; multiple: number } | null {
  if (spec.size.kind !== 'expand') return null;
  // BFL documents no multiple for expand; a catalog entry that names one is followed.
  const multiple = 'multiple' in spec.size && typeof spec.size.multiple === 'number' ? spec.size.multiple : 1;
  return { max: spec.size.max, multiple };
}
