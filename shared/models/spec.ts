/**
 * The shape of one entry in the FLUX model catalog. Plain data (no functions, no Node imports):
 * the renderer builds its form from it, the CLI prints it, the job runner validates with it.
 */
import type { OutputFormat } from '../types';

export type ModelFamily = 'flux-2' | 'flux-kontext' | 'flux-1';

/** How a model is told the output size. */
export type SizeRule =
  | {
      kind: 'wh';
      min: number;
      /** Largest side, or null when only the megapixel cap applies. */
      max: number | null;
      multiple: number;
      /** Largest output in megapixels (1 MP = 1024 × 1024), or null. */
      maxMp: number | null;
      /** What BFL uses when width/height are absent; null = follow the first reference image. */
      default: { width: number; height: number } | null;
      /** FLUX.2: width/height 0 or absent means "the size of the input image". */
      zeroFollowsInput: boolean;
    }
  | {
      kind: 'aspect';
      /** Tallest ratio allowed, e.g. `9:21`. */
      min: string;
      /** Widest ratio allowed, e.g. `21:9`. */
      max: string;
      /** BFL's default, or null when the size follows the input image (kontext editing). */
      default: string | null;
    }
  | { kind: 'follows-input' }
  | { kind: 'expand'; fields: readonly ['top', 'bottom', 'left', 'right']; max: number };

/** The reference-image slots of a model, as BFL body field names in slot order. */
export interface ImageSlots {
  fields: readonly string[];
  min: number;
  max: number;
  /** What a slot is for, for the form (e.g. `Image to edit`, `Mask (white = change)`). */
  labels: readonly string[];
}

interface FieldBase {
  /** BFL's body field name. */
  name: string;
  label: string;
  help: string;
}

export type FieldSpec =
  | (FieldBase & { kind: 'integer'; min: number; max: number; default: number | null })
  | (FieldBase & { kind: 'number'; min: number; max: number; step: number; default: number | null })
  | (FieldBase & { kind: 'boolean'; default: boolean })
  | (FieldBase & { kind: 'enum'; options: readonly string[]; default: string });

export type PriceRule =
  /** FLUX.2: first MP + (output MP − 1) × rate + input MP × rate. */
  { kind: 'per-mp'; first: number; rate: number } | { kind: 'flat'; credits: number };

export interface ModelSpec {
  /** The BFL endpoint name, e.g. `flux-2-pro`. */
  id: string;
  label: string;
  family: ModelFamily;
  description: string;
  size: SizeRule;
  images: ImageSlots;
  /** Body fields other than prompt, size and images. */
  fields: readonly FieldSpec[];
  /** Fill and expand work from the image alone; every other model needs words. */
  promptRequired: boolean;
  outputFormatDefault: OutputFormat;
  /** FLUX.2 pro: input + output megapixels together, or null when unlimited. */
  maxTotalMp: number | null;
  typicalSeconds: number;
  /** Active tasks BFL allows for this model at once (24 per account; 6 for kontext-max). */
  activeTaskLimit: number;
  price: PriceRule;
}

/** 1 MP as BFL's prices and limits count it (a 1024 × 1024 image costs the "from" price). */
export const PIXELS_PER_MP = 1024 * 1024;
