/**
 * A model's form values: the defaults it starts with, and what survives a switch to another model
 * (only the fields the new model takes, clamped to its ranges). Built from `shared/models`, so a
 * model added to the catalog shows up in the form without touching the renderer.
 */
import { getModel, snapSize, type FieldSpec, type ModelSpec } from '../../shared/models';

export type Params = Record<string, unknown>;

/** Size fields a model takes, under BFL's names. */
export function sizeFieldNames(spec: ModelSpec): string[] {
  switch (spec.size.kind) {
    case 'wh':
      return ['width', 'height'];
    case 'aspect':
      return ['aspect_ratio'];
    case 'expand':
      return [...spec.size.fields];
    case 'follows-input':
      return [];
  }
}

function sizeDefaults(spec: ModelSpec): Params {
  switch (spec.size.kind) {
    case 'wh': {
      const d = spec.size.default ?? { width: 1024, height: 1024 };
      return { width: d.width, height: d.height };
    }
    case 'aspect':
      return { aspect_ratio: spec.size.default };
    case 'expand':
      return Object.fromEntries(spec.size.fields.map((f) => [f, 0]));
    case 'follows-input':
      return {};
  }
}

/** The form's fields other than seed (the seed control is separate) and size. */
export function formFields(spec: ModelSpec): FieldSpec[] {
  return spec.fields.filter((f) => f.name !== 'seed');
}

export function defaultParams(spec: ModelSpec, saved: Params = {}): Params {
  const params: Params = sizeDefaults(spec);
  for (const field of formFields(spec)) params[field.name] = field.default;
  return carryOver(saved, spec, params);
}

function fits(field: FieldSpec, value: unknown): unknown {
  switch (field.kind) {
    case 'integer':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? Math.min(field.max, Math.max(field.min, value))
        : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'enum':
      return typeof value === 'string' && field.options.includes(value) ? value : undefined;
  }
}

/** Copies the values the model takes from `from` onto `base`, fitted to its ranges. */
export function carryOver(from: Params, spec: ModelSpec, base: Params): Params {
  const out: Params = { ...base };
  for (const field of formFields(spec)) {
    const value = fits(field, from[field.name]);
    if (value !== undefined) out[field.name] = value;
  }
  if (spec.size.kind === 'wh' && typeof from.width === 'number' && typeof from.height === 'number') {
    const snapped = snapSize(spec, from.width, from.height);
    if (snapped) Object.assign(out, snapped);
  }
  if (spec.size.kind === 'aspect' && typeof from.aspect_ratio === 'string') out.aspect_ratio = from.aspect_ratio;
  if (spec.size.kind === 'expand') {
    for (const f of spec.size.fields) if (typeof from[f] === 'number') out[f] = from[f];
  }
  return out;
}

/** The params to send: only the model's own fields, nulls dropped (BFL then uses its default). */
export function requestParams(spec: ModelSpec, params: Params, seed: number | null): Params {
  const allowed = new Set([...sizeFieldNames(spec), ...formFields(spec).map((f) => f.name)]);
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (allowed.has(key) && value !== null && value !== undefined && value !== '') out[key] = value;
  }
  if (seed !== null && spec.fields.some((f) => f.name === 'seed')) out.seed = seed;
  return out;
}

export function modelOrDefault(id: string): ModelSpec {
  const spec = getModel(id) ?? getModel('flux-2-pro');
  if (!spec) throw new Error('The model catalog is empty');
  return spec;
}
