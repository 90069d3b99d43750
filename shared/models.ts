/**
 * The FLUX model catalog and its rules: which endpoints exist, what each takes, what it costs.
 * No Node imports: the renderer builds its form from this, the CLI and the job runner validate
 * with it. The pieces live in `./models/`; this file is the one import for everyone else.
 */
import type { GenerationRequest } from './types';
import { MODELS } from './models/catalog';
import { estimateCostFor } from './models/cost';
import { sizeForAspectFor, snapSizeFor } from './models/size';
import type { ModelSpec } from './models/spec';
import { validateFor, type ValidatedRequest, type ValidateOptions } from './models/validate';
import { SeedbankError } from './errors';

export { MODELS } from './models/catalog';
export { PIXELS_PER_MP } from './models/spec';
export type { FieldSpec, ImageSlots, ModelFamily, ModelSpec, PriceRule, SizeRule } from './models/spec';
export type { ValidatedRequest, ValidateOptions } from './models/validate';
export { aspectInRange, parseAspect } from './models/size';
export { outputMegapixels } from './models/cost';

export const DEFAULT_MODEL = 'flux-2-pro';

type ModelRef = string | ModelSpec;

export function getModel(id: string): ModelSpec | undefined {
  return MODELS.find((m) => m.id === id);
}

function resolve(model: ModelRef): ModelSpec | undefined {
  return typeof model === 'string' ? getModel(model) : model;
}

function specOrThrow(model: ModelRef, field: string): ModelSpec {
  const spec = resolve(model);
  if (!spec)
    throw new SeedbankError(
      'INVALID_INPUT',
      `${field}: unknown model ${typeof model === 'string' ? model : model.id}`,
      field,
    );
  return spec;
}

/** Validates a request against its model; throws INVALID_INPUT naming the field and the rule. */
export function validateRequest(req: GenerationRequest, options?: ValidateOptions): ValidatedRequest {
  return validateFor(specOrThrow(req.model, 'model'), req, options);
}

/** The BFL body field for each of `count` reference images, in slot order (at most the model's slots). */
export function imageFieldNames(model: ModelRef, count: number): string[] {
  const spec = specOrThrow(model, 'model');
  return spec.images.fields.slice(0, Math.max(0, count));
}

/** Credits per BFL's price table, or null for an unknown model. */
export function estimateCost(
  model: ModelRef,
  params: Record<string, unknown>,
  inputMegapixels: readonly number[] = [],
): number | null {
  const spec = resolve(model);
  return spec ? estimateCostFor(spec, params, inputMegapixels) : null;
}

/** About 1 MP with ratio `W:H`, snapped to the model's rule, or `{aspect_ratio}` for aspect models. */
export function sizeForAspect(
  model: ModelRef,
  aspect: string,
): { width: number; height: number } | { aspect_ratio: string } {
  return sizeForAspectFor(specOrThrow(model, 'model'), aspect);
}

/** Snaps a free width/height to the model's rule; null when the model takes no width/height. */
export function snapSize(model: ModelRef, width: number, height: number): { width: number; height: number } | null {
  return snapSizeFor(specOrThrow(model, 'model'), width, height);
}
