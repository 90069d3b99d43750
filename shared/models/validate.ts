/**
 * Request validation: one zod schema per model, built from its catalog entry, with messages that
 * name the field and the rule (`width: must be a multiple of 16 (flux-2-pro)`), so the form can
 * put the message next to the right control and the CLI can print it as is.
 */
import { z } from 'zod';
import { SeedbankError } from '../errors';
import type { GenerationRequest, OutputFormat } from '../types';
import { maskSizeProblem, type PixelSize } from './editor-kinds';
import { aspectInRange, parseAspect } from './size';
import { PIXELS_PER_MP, type FieldSpec, type ModelSpec } from './spec';

export interface ValidatedRequest {
  model: string;
  spec: ModelSpec;
  /** The body to send, without images: prompt and params, with `output_format` filled in. */
  body: Record<string, unknown>;
  outputFormat: OutputFormat;
  /** The BFL field for each reference image of the request, in slot order. */
  imageFields: string[];
}

export interface ValidateOptions {
  /** Megapixels of each reference image, when known, for FLUX.2 pro's input + output cap. */
  inputMegapixels?: readonly number[];
  /** Pixel size of each reference image, when known (null where not), for the mask's size rule. */
  inputSizes?: readonly (PixelSize | null)[];
}

type Shape = Record<string, z.ZodType>;

function numberSchema(integer: boolean) {
  const base = z.number({ error: integer ? 'must be a whole number' : 'must be a number' });
  return integer ? base.int({ error: 'must be a whole number' }) : base;
}

function fieldSchema(field: FieldSpec): z.ZodType {
  switch (field.kind) {
    case 'integer':
    case 'number':
      return numberSchema(field.kind === 'integer')
        .min(field.min, { error: `must be at least ${field.min}` })
        .max(field.max, { error: `must be at most ${field.max}` });
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
    case 'enum':
      return z.enum(field.options as [string, ...string[]], { error: `must be one of ${field.options.join(', ')}` });
  }
}

function sizeShape(spec: ModelSpec): Shape {
  const size = spec.size;
  switch (size.kind) {
    case 'wh': {
      const side = numberSchema(true)
        .refine((v) => (size.zeroFollowsInput && v === 0) || v >= size.min, {
          error: `must be at least ${size.min}${size.zeroFollowsInput ? ' (or 0 to follow the input image)' : ''}`,
        })
        .refine((v) => size.max === null || v <= size.max, { error: `must be at most ${size.max ?? ''}` })
        .refine((v) => v % size.multiple === 0, { error: `must be a multiple of ${size.multiple} (${spec.id})` });
      return { width: side, height: side };
    }
    case 'aspect':
      return {
        aspect_ratio: z
          .string({ error: 'must be a ratio like 16:9' })
          .refine((v) => parseAspect(v) !== null, { error: 'must be a ratio like 16:9', abort: true })
          .refine((v) => aspectInRange(v, size.min, size.max), {
            error: `must be between ${size.min} and ${size.max} (${spec.id})`,
          }),
      };
    case 'expand': {
      const shape: Shape = {};
      for (const name of size.fields) {
        shape[name] = numberSchema(true)
          .min(0, { error: 'must be at least 0' })
          .max(size.max, { error: `must be at most ${size.max}` });
      }
      return shape;
    }
    case 'follows-input':
      return {};
  }
}

function buildSchema(spec: ModelSpec) {
  const shape: Shape = sizeShape(spec);
  for (const field of spec.fields) shape[field.name] = fieldSchema(field);
  // Every field may be left out: BFL applies its own default.
  const optional: Shape = {};
  for (const [name, schema] of Object.entries(shape)) optional[name] = schema.optional();
  return z
    .object(optional)
    .strict()
    .superRefine((value, ctx) => {
      if (spec.size.kind !== 'wh') return;
      const width = value.width;
      const height = value.height;
      if (typeof width === 'number' && typeof height !== 'number') {
        ctx.addIssue({ code: 'custom', path: ['height'], message: 'is required when width is set' });
      } else if (typeof height === 'number' && typeof width !== 'number') {
        ctx.addIssue({ code: 'custom', path: ['width'], message: 'is required when height is set' });
      } else if (typeof width === 'number' && typeof height === 'number' && spec.size.maxMp !== null) {
        if (width * height > spec.size.maxMp * PIXELS_PER_MP) {
          ctx.addIssue({
            code: 'custom',
            path: ['width'],
            message: `width × height must be at most ${spec.size.maxMp} MP (${spec.id})`,
          });
        }
      }
    });
}

const schemas = new Map<string, ReturnType<typeof buildSchema>>();

function schemaFor(spec: ModelSpec) {
  let schema = schemas.get(spec.id);
  if (!schema) {
    schema = buildSchema(spec);
    schemas.set(spec.id, schema);
  }
  return schema;
}

function invalid(field: string, rule: string): SeedbankError {
  return new SeedbankError('INVALID_INPUT', `${field}: ${rule}`, field);
}

/** Why a params key is refused, in the words that help most for that key. */
function unknownFieldRule(spec: ModelSpec, key: string): string {
  if (key === 'prompt') return 'goes in the request itself, not in params';
  if (/^webhook_/.test(key)) return 'Seedbank polls for results and does not use webhooks';
  if (/^(input_image(_\d+)?|image_prompt|image|mask)$/.test(key)) return 'reference images go in inputs, not params';
  return `${spec.id} does not take this field`;
}

function toError(spec: ModelSpec, error: z.ZodError): SeedbankError {
  const issue = error.issues[0];
  if (!issue) return new SeedbankError('INVALID_INPUT', `${spec.id}: the request is not valid`);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? 'params';
    return invalid(key, unknownFieldRule(spec, key));
  }
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'params';
  return invalid(field, issue.message);
}

function checkInputs(spec: ModelSpec, count: number, options: ValidateOptions, body: Record<string, unknown>): void {
  const { images } = spec;
  if (count < images.min) {
    throw invalid('inputs', `${spec.id} needs ${images.min === 1 ? 'an image' : `${images.min} images`} to work on`);
  }
  if (count > images.max) {
    throw invalid(
      'inputs',
      `${spec.id} takes at most ${images.max} reference ${images.max === 1 ? 'image' : 'images'}`,
    );
  }
  if (spec.size.kind === 'wh' && spec.size.zeroFollowsInput && count === 0) {
    for (const side of ['width', 'height'] as const) {
      if (body[side] === 0)
        throw invalid(side, `0 follows the input image, and there is none; use at least ${spec.size.min}`);
    }
  }
  const maskProblem = options.inputSizes ? maskSizeProblem(spec, options.inputSizes) : null;
  // The mask slot is, by definition, BFL's `mask` field (editor-kinds.ts).
  if (maskProblem !== null) throw invalid('mask', maskProblem);
  const megapixels = options.inputMegapixels;
  if (spec.maxTotalMp !== null && megapixels && megapixels.length > 0) {
    const width = typeof body.width === 'number' && body.width > 0 ? body.width : 0;
    const height = typeof body.height === 'number' && body.height > 0 ? body.height : 0;
    const output = width * height > 0 ? (width * height) / PIXELS_PER_MP : 1;
    const total = output + megapixels.reduce((sum, mp) => sum + mp, 0);
    if (total > spec.maxTotalMp + 1e-9) {
      throw invalid('inputs', `input and output together must be at most ${spec.maxTotalMp} MP (${spec.id})`);
    }
  }
}

/** Validates a request against its model and returns the body to send (without images). */
export function validateFor(spec: ModelSpec, req: GenerationRequest, options: ValidateOptions = {}): ValidatedRequest {
  if (typeof req.prompt !== 'string') throw invalid('prompt', 'must be text');
  if (spec.promptRequired && req.prompt.trim() === '') throw invalid('prompt', 'is required');

  // The form sends null for "empty" (e.g. a random seed); BFL then applies its own default.
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(req.params ?? {})) {
    if (value !== null && value !== undefined) params[key] = value;
  }
  const parsed = schemaFor(spec).safeParse(params);
  if (!parsed.success) throw toError(spec, parsed.error);

  const inputs = Array.isArray(req.inputs) ? req.inputs : [];
  checkInputs(spec, inputs.length, options, parsed.data);

  const outputFormat = (parsed.data.output_format as OutputFormat | undefined) ?? spec.outputFormatDefault;
  const body: Record<string, unknown> = {};
  if (req.prompt.trim() !== '') body.prompt = req.prompt;
  Object.assign(body, parsed.data, { output_format: outputFormat });
  return {
    model: spec.id,
    spec,
    body,
    outputFormat,
    imageFields: spec.images.fields.slice(0, inputs.length),
  };
}
