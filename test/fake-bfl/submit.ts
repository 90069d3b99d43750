/**
 * What the emulator decides on a submit before creating a task: basic validation (422 in BFL's
 * `detail` shape), the output size, megapixels and cost — from the same catalog the app uses.
 */
import { estimateCost, getModel, parseAspect, PIXELS_PER_MP, type ModelSpec } from '../../shared/models';
import { inputSize, type ImageFormat } from './images';

export interface ValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export interface SubmitPlan {
  spec: ModelSpec;
  prompt: string;
  width: number;
  height: number;
  format: ImageFormat;
  seed: number;
  upsampledPrompt: string;
  cost: number | null;
  inputMp: number | null;
  outputMp: number | null;
}

const FORMATS: readonly string[] = ['jpeg', 'png', 'webp'];

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** The checks BFL's own validation makes most often; enough to exercise the 422 path. */
export function basicValidation(spec: ModelSpec, body: Record<string, unknown>): ValidationDetail[] {
  const problems: ValidationDetail[] = [];
  const at = (field: string, msg: string, type: string) => problems.push({ loc: ['body', field], msg, type });
  if (spec.promptRequired && !('prompt' in body)) at('prompt', 'Field required', 'missing');
  if ('prompt' in body && typeof body.prompt !== 'string' && body.prompt !== null)
    at('prompt', 'Input should be a valid string', 'string_type');
  if (spec.images.min > 0 && typeof body[spec.images.fields[0] ?? 'image'] !== 'string') {
    at(spec.images.fields[0] ?? 'image', 'Field required', 'missing');
  }
  if (spec.size.kind === 'wh') {
    const { min, max, multiple, zeroFollowsInput } = spec.size;
    for (const side of ['width', 'height']) {
      const value = body[side];
      if (value === undefined || value === null || (zeroFollowsInput && value === 0)) continue;
      if (!isInt(value)) at(side, 'Input should be a valid integer', 'int_type');
      else if (value < min) at(side, `Input should be greater than or equal to ${min}`, 'greater_than_equal');
      else if (max !== null && value > max) at(side, `Input should be less than or equal to ${max}`, 'less_than_equal');
      else if (value % multiple !== 0) at(side, `Input should be a multiple of ${multiple}`, 'multiple_of');
    }
  }
  const safety = body.safety_tolerance;
  const safetyMax = spec.family === 'flux-2' ? 5 : 6;
  if (safety !== undefined && (!isInt(safety) || safety < 0 || safety > safetyMax)) {
    at('safety_tolerance', `Input should be less than or equal to ${safetyMax}`, 'less_than_equal');
  }
  const format = body.output_format;
  if (format !== undefined && format !== null && !(typeof format === 'string' && FORMATS.includes(format))) {
    at('output_format', "Input should be 'jpeg', 'png' or 'webp'", 'enum');
  }
  return problems;
}

function aspectSize(ratio: number): { width: number; height: number } {
  const width = Math.round(Math.sqrt(PIXELS_PER_MP * ratio));
  return { width, height: Math.round(width / ratio) };
}

async function outputSize(spec: ModelSpec, body: Record<string, unknown>): Promise<{ width: number; height: number }> {
  const first = await inputSize(body[spec.images.fields[0] ?? '']);
  const size = spec.size;
  switch (size.kind) {
    case 'wh': {
      const { width, height } = body;
      if (isInt(width) && isInt(height) && width > 0 && height > 0) return { width, height };
      return first ?? size.default ?? { width: 1024, height: 1024 };
    }
    case 'aspect': {
      const text = typeof body.aspect_ratio === 'string' ? body.aspect_ratio : size.default;
      const ratio = text ? parseAspect(text) : null;
      if (ratio !== null) return aspectSize(ratio);
      return first ? aspectSize(first.width / first.height) : { width: 1024, height: 1024 };
    }
    case 'expand': {
      const base = first ?? { width: 1024, height: 1024 };
      const pad = (name: string) => {
        const value = body[name];
        return isInt(value) ? value : 0;
      };
      return { width: base.width + pad('left') + pad('right'), height: base.height + pad('top') + pad('bottom') };
    }
    case 'follows-input':
      return first ?? { width: 1024, height: 1024 };
  }
}

async function inputMegapixels(spec: ModelSpec, body: Record<string, unknown>): Promise<number[]> {
  const mps: number[] = [];
  for (const field of spec.images.fields) {
    if (field === 'mask' || typeof body[field] !== 'string') continue;
    const size = await inputSize(body[field]);
    // An https URL (or an unreadable image) is counted as 1 MP, as a guess.
    mps.push(size ? (size.width * size.height) / PIXELS_PER_MP : 1);
  }
  return mps;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function planSubmit(
  model: string,
  body: Record<string, unknown>,
  seedFallback: number,
): Promise<SubmitPlan | null> {
  const spec = getModel(model);
  if (!spec) return null;
  const { width, height } = await outputSize(spec, body);
  const format = FORMATS.includes(String(body.output_format))
    ? (body.output_format as ImageFormat)
    : spec.outputFormatDefault;
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  const inputs = await inputMegapixels(spec, body);
  // BFL upsamples FLUX.2 pro/max prompts by default, and any model where it was asked for.
  const upsample = body.prompt_upsampling === true || (spec.family === 'flux-2' && !/klein/.test(spec.id));
  const costParams = spec.size.kind === 'wh' ? { width, height } : {};
  const free = spec.id === 'flux-dev'; // BFL reports no cost or megapixels for flux-dev.
  return {
    spec,
    prompt,
    width,
    height,
    format,
    seed: isInt(body.seed) ? body.seed : seedFallback,
    upsampledPrompt: upsample && prompt ? `${prompt}, rendered in rich detail with soft natural light` : prompt,
    cost: free ? null : estimateCost(spec, costParams, inputs),
    inputMp: free ? null : round2(inputs.reduce((a, b) => a + b, 0)),
    outputMp: free ? null : round2((width * height) / PIXELS_PER_MP),
  };
}
