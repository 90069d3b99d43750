/** Builders for the body fields models share, so each catalog entry states only what differs. */
import type { FieldSpec } from './spec';
import type { OutputFormat } from '../types';

export const seedField: FieldSpec = {
  kind: 'integer',
  name: 'seed',
  label: 'Seed',
  help: 'The same seed with the same settings gives the same image. Empty picks one at random.',
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  default: null,
};

export function safetyField(max: 5 | 6): FieldSpec {
  return {
    kind: 'integer',
    name: 'safety_tolerance',
    label: 'Safety tolerance',
    help: `Moderation of input and output, 0 (strictest) to ${max} (least strict).`,
    min: 0,
    max,
    default: 2,
  };
}

export function outputFormatField(defaultFormat: OutputFormat): FieldSpec {
  return {
    kind: 'enum',
    name: 'output_format',
    label: 'Format',
    help: 'The file format BFL delivers.',
    options: ['jpeg', 'png', 'webp'],
    default: defaultFormat,
  };
}

export function upsamplingField(defaultOn: boolean): FieldSpec {
  return {
    kind: 'boolean',
    name: 'prompt_upsampling',
    label: 'Prompt upsampling',
    help: 'Let BFL rewrite the prompt with more detail before generating.',
    default: defaultOn,
  };
}

export function stepsField(min: number, max: number, defaultSteps: number): FieldSpec {
  return {
    kind: 'integer',
    name: 'steps',
    label: 'Steps',
    help: 'More steps give more detail and take longer.',
    min,
    max,
    default: defaultSteps,
  };
}

export function guidanceField(min: number, max: number, defaultGuidance: number): FieldSpec {
  return {
    kind: 'number',
    name: 'guidance',
    label: 'Guidance',
    help: 'Higher follows the prompt more closely at the cost of realism.',
    min,
    max,
    step: 0.1,
    default: defaultGuidance,
  };
}

export const rawField: FieldSpec = {
  kind: 'boolean',
  name: 'raw',
  label: 'Raw',
  help: 'Less processed, more natural-looking images.',
  default: false,
};

export const imagePromptStrengthField: FieldSpec = {
  kind: 'number',
  name: 'image_prompt_strength',
  label: 'Image prompt strength',
  help: 'Blend between the prompt (0) and the image prompt (1).',
  min: 0,
  max: 1,
  step: 0.05,
  default: 0.1,
};
