/**
 * Hostile payloads for any contract channel, derived from the channel's own zod schema, so a
 * channel added to `shared/api.ts` is covered without touching the suite: wrong types at the
 * top, unknown fields, and each field (one level into nested objects) replaced by a hostile
 * value — NaN, ±Infinity, negative and giant numbers, huge strings, control characters, nine
 * references, wrong shapes.
 */
import fc from 'fast-check';
import type { z } from 'zod';

type AnySchema = z.ZodType;
type Def = { type: string; innerType?: AnySchema; shape?: Record<string, AnySchema>; entries?: Record<string, string> };

const defOf = (schema: AnySchema): Def => (schema as unknown as { def: Def }).def;

/** Looks through optional / default / nullable wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType && ['optional', 'default', 'nullable', 'prefault', 'readonly'].includes(def.type)) {
      current = def.innerType;
    } else return current;
  }
}

export function shapeOf(schema: AnySchema): Record<string, AnySchema> | null {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? def.shape : null;
}

const SHA = 'a'.repeat(64);
const HUGE = 'x'.repeat(300_000);
const HUGE_ID = 'z'.repeat(100_000);

/** Values tried when looking for one a field accepts, so the others can be mutated one at a time. */
function candidates(field: AnySchema): unknown[] {
  const inner = unwrap(field);
  const def = defOf(inner);
  const fromEnum = def.type === 'enum' && def.entries ? Object.values(def.entries).slice(0, 1) : [];
  const nested = shapeOf(inner);
  return [
    ...fromEnum,
    ...(nested ? [validBase(inner)] : []),
    '01jbx7k2q3r4s5t6v7w8x9y0za',
    SHA,
    'flux-2-pro',
    'https://bfl.ai/',
    1,
    true,
    [],
    ['01jbx7k2q3r4s5t6v7w8x9y0za'],
    {},
    null,
  ];
}

/** An object the schema accepts field by field (as far as simple candidates allow). */
export function validBase(schema: AnySchema): Record<string, unknown> {
  const shape = shapeOf(schema);
  const base: Record<string, unknown> = {};
  if (!shape) return base;
  for (const [key, field] of Object.entries(shape)) {
    if (field.safeParse(undefined).success) continue; // optional or defaulted: leave it out
    base[key] = candidates(field).find((value) => field.safeParse(value).success) ?? null;
  }
  return base;
}

/** Paths of fields to mutate: each top-level key, and each key of a nested object. */
export function fieldPaths(schema: AnySchema): string[][] {
  const shape = shapeOf(schema);
  if (!shape) return [];
  const paths: string[][] = [];
  for (const [key, field] of Object.entries(shape)) {
    paths.push([key]);
    const nested = shapeOf(field);
    if (nested) for (const sub of Object.keys(nested)) paths.push([key, sub]);
  }
  return paths;
}

const controlText = fc
  .array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 40 })
  .map((codes) => String.fromCharCode(...codes));

/** One hostile value, labelled with its kind for the tally. */
export const hostileValue: fc.Arbitrary<{ kind: string; value: unknown }> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY).map((value) => ({
    kind: 'NaN/Infinity',
    value,
  })),
  fc
    .oneof(fc.integer({ min: -1_000_000_000, max: -1 }), fc.constantFrom(-1e308, -0.5))
    .map((value) => ({ kind: 'negative number', value })),
  fc.constantFrom(1e308, 2 ** 53 + 1, 1e12, 0.5).map((value) => ({ kind: 'giant or fractional number', value })),
  fc.constantFrom(HUGE, HUGE_ID).map((value) => ({ kind: 'huge string', value })),
  controlText.map((value) => ({ kind: 'control characters', value })),
  fc.constant({ kind: 'nine references', value: Array.from({ length: 9 }, () => SHA) }),
  fc
    .oneof(fc.constant(null), fc.boolean(), fc.constant(''), fc.constant([]), fc.dictionary(fc.string(), fc.integer()))
    .map((value) => ({ kind: 'wrong type', value })),
);

/** A whole payload of the wrong type. */
export const wrongTopLevel: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.string({ maxLength: 50 }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 5 }),
);

export function withPath(base: Record<string, unknown>, at: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let target: Record<string, unknown> = copy;
  for (const key of at.slice(0, -1)) {
    const next = target[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[at[at.length - 1] ?? ''] = value;
  return copy;
}
