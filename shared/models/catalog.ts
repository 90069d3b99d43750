/**
 * Every BFL endpoint Seedbank can call, with the rules from `docs/bfl-api.md` and BFL's OpenAPI
 * description (April 2026). Where the two disagree the OpenAPI ranges win, because that is what
 * the server validates against.
 */
import type { ImageSlots, ModelSpec, SizeRule } from './spec';
import {
  guidanceField,
  imagePromptStrengthField,
  outputFormatField,
  rawField,
  safetyField,
  seedField,
  stepsField,
  upsamplingField,
} from './fields';

const ACCOUNT_TASK_LIMIT = 24;

const flux2Size: SizeRule = {
  kind: 'wh',
  min: 64,
  max: null,
  multiple: 16,
  maxMp: 4,
  default: null,
  zeroFollowsInput: true,
};
const flux1Size: SizeRule = {
  kind: 'wh',
  min: 256,
  max: 1440,
  multiple: 32,
  maxMp: null,
  default: { width: 1024, height: 768 },
  zeroFollowsInput: false,
};

function referenceSlots(count: number, first: string): ImageSlots {
  const fields = [first];
  for (let i = 2; i <= count; i++) fields.push(`${first}_${i}`);
  return { fields, min: 0, max: count, labels: fields.map((_, i) => `Reference ${i + 1}`) };
}

const imagePromptSlot: ImageSlots = { fields: ['image_prompt'], min: 0, max: 1, labels: ['Image prompt'] };

function flux2(
  id: string,
  label: string,
  description: string,
  options: { slots: number; typicalSeconds: number; first: number; rate: number; maxTotalMp?: number },
): ModelSpec {
  return {
    id,
    label,
    family: 'flux-2',
    description,
    size: flux2Size,
    images: referenceSlots(options.slots, 'input_image'),
    fields: [seedField, safetyField(5), outputFormatField('jpeg')],
    promptRequired: true,
    outputFormatDefault: 'jpeg',
    maxTotalMp: options.maxTotalMp ?? null,
    typicalSeconds: options.typicalSeconds,
    activeTaskLimit: ACCOUNT_TASK_LIMIT,
    price: { kind: 'per-mp', first: options.first, rate: options.rate },
  };
}

function kontext(id: string, label: string, description: string, credits: number, limit: number): ModelSpec {
  return {
    id,
    label,
    family: 'flux-kontext',
    description,
    // Absent aspect ratio: an edit keeps the input's shape, a text-to-image run is ~1 MP square.
    size: { kind: 'aspect', min: '9:21', max: '21:9', default: null },
    images: referenceSlots(4, 'input_image'),
    fields: [seedField, upsamplingField(false), safetyField(6), outputFormatField('png')],
    promptRequired: true,
    outputFormatDefault: 'png',
    maxTotalMp: null,
    typicalSeconds: 8,
    activeTaskLimit: limit,
    price: { kind: 'flat', credits },
  };
}

const fillOrExpandFields = [
  seedField,
  stepsField(15, 50, 50),
  guidanceField(1.5, 100, 60),
  upsamplingField(false),
  safetyField(6),
  outputFormatField('jpeg'),
] as const;

export const MODELS: readonly ModelSpec[] = [
  flux2('flux-2-pro', 'FLUX.2 [pro]', 'Fast production quality; up to 8 reference images.', {
    slots: 8,
    typicalSeconds: 10,
    first: 3,
    rate: 1.5,
    maxTotalMp: 9,
  }),
  flux2('flux-2-max', 'FLUX.2 [max]', 'Highest quality and prompt adherence; up to 8 reference images.', {
    slots: 8,
    typicalSeconds: 15,
    first: 7,
    rate: 3,
  }),
  flux2('flux-2-pro-preview', 'FLUX.2 [pro] preview', 'The latest FLUX.2 [pro] build (not pinned).', {
    slots: 8,
    typicalSeconds: 10,
    first: 3,
    rate: 1.5,
    maxTotalMp: 9,
  }),
  {
    ...flux2('flux-2-flex', 'FLUX.2 [flex]', 'Adjustable steps and guidance; strong at typography and detail.', {
      slots: 8,
      typicalSeconds: 25,
      // docs/bfl-api.md: 5 per MP now (was 6) ⚠.
      first: 5,
      rate: 5,
    }),
    fields: [
      seedField,
      stepsField(1, 50, 50),
      // OpenAPI default 5.0; the docs also say 4.5 ⚠.
      guidanceField(1.5, 10, 5),
      upsamplingField(true),
      safetyField(5),
      outputFormatField('jpeg'),
    ],
  },
  flux2('flux-2-klein-4b', 'FLUX.2 [klein] 4B', 'Sub-second drafts; up to 4 reference images.', {
    slots: 4,
    typicalSeconds: 1,
    first: 1.4,
    rate: 0.1,
  }),
  flux2('flux-2-klein-9b', 'FLUX.2 [klein] 9B', 'Sub-second, better quality than 4B; up to 4 reference images.', {
    slots: 4,
    typicalSeconds: 1,
    first: 1.5,
    rate: 0.2,
  }),
  flux2('flux-2-klein-9b-preview', 'FLUX.2 [klein] 9B preview', 'The latest klein 9B build (not pinned).', {
    slots: 4,
    typicalSeconds: 1,
    first: 1.5,
    rate: 0.2,
  }),
  kontext(
    'flux-kontext-pro',
    'FLUX.1 Kontext [pro]',
    'Legacy editing model: change an image with words.',
    4,
    ACCOUNT_TASK_LIMIT,
  ),
  kontext(
    'flux-kontext-max',
    'FLUX.1 Kontext [max]',
    'Legacy editing model, best quality; at most 6 tasks at once.',
    8,
    6,
  ),
  {
    id: 'flux-pro-1.1',
    label: 'FLUX1.1 [pro]',
    family: 'flux-1',
    description: 'Legacy text-to-image, 256–1440 px.',
    size: flux1Size,
    images: imagePromptSlot,
    fields: [seedField, upsamplingField(false), safetyField(6), outputFormatField('jpeg')],
    promptRequired: true,
    outputFormatDefault: 'jpeg',
    maxTotalMp: null,
    typicalSeconds: 6,
    activeTaskLimit: ACCOUNT_TASK_LIMIT,
    price: { kind: 'flat', credits: 4 },
  },
  {
    id: 'flux-pro-1.1-ultra',
    label: 'FLUX1.1 [pro] Ultra',
    family: 'flux-1',
    description: 'Legacy high resolution (up to 4 MP) by aspect ratio; raw mode for natural looks.',
    size: { kind: 'aspect', min: '9:21', max: '21:9', default: '16:9' },
    images: imagePromptSlot,
    fields: [
      seedField,
      upsamplingField(false),
      rawField,
      imagePromptStrengthField,
      safetyField(6),
      outputFormatField('jpeg'),
    ],
    promptRequired: true,
    outputFormatDefault: 'jpeg',
    maxTotalMp: null,
    typicalSeconds: 10,
    activeTaskLimit: ACCOUNT_TASK_LIMIT,
    price: { kind: 'flat', credits: 6 },
  },
  {
    id: 'flux-dev',
    label: 'FLUX.1 [dev]',
    family: 'flux-1',
    description: 'Legacy open-weights model, cheapest FLUX.1 option.',
    size: flux1Size,
    images: imagePromptSlot,
    fields: [
      seedField,
      stepsField(1, 50, 28),
      guidanceField(1.5, 5, 3),
      upsamplingField(false),
      safetyField(6),
      outputFormatField('jpeg'),
    ],
    promptRequired: true,
    outputFormatDefault: 'jpeg',
    maxTotalMp: null,
    typicalSeconds: 5,
    activeTaskLimit: ACCOUNT_TASK_LIMIT,
    price: { kind: 'flat', credits: 2.5 },
  },
  {
    id: 'flux-pro-1.0-fill',
    label: 'FLUX.1 Fill [pro]',
    family: 'flux-1',
    description: 'Inpainting: repaint the white part of the mask (or the transparent part of the image).',
    size: { kind: 'follows-input' },
    images: { fields: ['image', 'mask'], min: 1, max: 2, labels: ['Image to edit', 'Mask (white = change)'] },
    fields: fillOrExpandFields,
    promptRequired: false,
    outputFormatDefault: 'jpeg',
    maxTotalMp: null,
    typicalSeconds: 10,
    activeTaskLimit: ACCOUNT_TASK_LIMIT,
    price: { kind: 'flat', credits: 5 },
  },
  {
    id: 'flux-pro-1.0-expand',
    label: 'FLUX.1 Expand [pro]',
    family: 'flux-1',
    description: 'Outpainting: grow the image by up to 2048 px on each side.',
    size: { kind: 'expand', fields: ['top', 'bottom', 'left', 'right'], max: 2048 },
    images: { fields: ['image'], min: 1, max: 1, labels: ['Image to expand'] },
    fields: fillOrExpandFields,
    promptRequired: false,
    outputFormatDefault: 'jpeg',
    maxTotalMp: null,
    typicalSeconds: 10,
    activeTaskLimit: ACCOUNT_TASK_LIMIT,
    // Not in BFL's price table (docs/bfl-api.md): estimated like fill.
    price: { kind: 'flat', credits: 5 },
  },
];
