import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  MODELS,
  estimateCost,
  getModel,
  imageFieldNames,
  sizeForAspect,
  snapSize,
  validateRequest,
} from './models';
import { SeedbankError } from './errors';
import type { GenerationRequest } from './types';

const HASH = 'a'.repeat(64);

function req(model: string, params: Record<string, unknown> = {}, inputs = 0, prompt = 'a red fox'): GenerationRequest {
  return { model, prompt, params, inputs: Array.from({ length: inputs }, () => HASH) };
}

function failure(request: GenerationRequest): SeedbankError {
  try {
    validateRequest(request);
  } catch (err) {
    if (err instanceof SeedbankError) return err;
    throw err;
  }
  throw new Error('expected validation to fail');
}

const ALL_IDS = [
  'flux-2-max',
  'flux-2-pro',
  'flux-2-pro-preview',
  'flux-2-flex',
  'flux-2-klein-4b',
  'flux-2-klein-9b',
  'flux-2-klein-9b-preview',
  'flux-kontext-pro',
  'flux-kontext-max',
  'flux-pro-1.1',
  'flux-pro-1.1-ultra',
  'flux-dev',
  'flux-pro-1.0-fill',
  'flux-pro-1.0-expand',
];

describe('model catalog', () => {
  it('lists every BFL endpoint exactly once and defaults to flux-2-pro', () => {
    expect(MODELS.map((m) => m.id).sort()).toEqual([...ALL_IDS].sort());
    expect(DEFAULT_MODEL).toBe('flux-2-pro');
    expect(getModel(DEFAULT_MODEL)?.label).toBe('FLUX.2 [pro]');
    expect(getModel('flux-9')).toBeUndefined();
  });

  it('gives kontext-max its own limit of 6 active tasks and everything else 24', () => {
    for (const m of MODELS) expect(m.activeTaskLimit).toBe(m.id === 'flux-kontext-max' ? 6 : 24);
  });

  it('defaults output to png for kontext and jpeg elsewhere', () => {
    for (const m of MODELS) expect(m.outputFormatDefault).toBe(m.family === 'flux-kontext' ? 'png' : 'jpeg');
  });
});

describe('validateRequest accepts a good request for every model', () => {
  const good: Record<string, { params: Record<string, unknown>; inputs: number }> = {
    'flux-2-max': { params: { width: 1024, height: 768, seed: 7, safety_tolerance: 5 }, inputs: 8 },
    'flux-2-pro': { params: { width: 1920, height: 1088 }, inputs: 0 },
    'flux-2-pro-preview': { params: { width: 0, height: 0 }, inputs: 1 },
    'flux-2-flex': { params: { steps: 30, guidance: 4.5, prompt_upsampling: false }, inputs: 2 },
    'flux-2-klein-4b': { params: { width: 512, height: 512 }, inputs: 4 },
    'flux-2-klein-9b': { params: {}, inputs: 0 },
    'flux-2-klein-9b-preview': { params: { output_format: 'webp' }, inputs: 0 },
    'flux-kontext-pro': { params: { aspect_ratio: '3:7', prompt_upsampling: true }, inputs: 1 },
    'flux-kontext-max': { params: { safety_tolerance: 6 }, inputs: 4 },
    'flux-pro-1.1': { params: { width: 1440, height: 256 }, inputs: 1 },
    'flux-pro-1.1-ultra': { params: { aspect_ratio: '21:9', raw: true, image_prompt_strength: 0.5 }, inputs: 1 },
    'flux-dev': { params: { steps: 28, guidance: 3 }, inputs: 0 },
    'flux-pro-1.0-fill': { params: { steps: 15, guidance: 100 }, inputs: 2 },
    'flux-pro-1.0-expand': { params: { top: 256, bottom: 0, left: 2048, right: 16 }, inputs: 1 },
  };
  for (const id of ALL_IDS) {
    it(id, () => {
      const g = good[id]!;
      const v = validateRequest(req(id, g.params, g.inputs));
      expect(v.model).toBe(id);
      expect(v.body.prompt).toBe('a red fox');
      expect(v.imageFields).toHaveLength(g.inputs);
      expect(v.body.output_format).toBe(v.outputFormat);
    });
  }
});

describe('validateRequest names the field and the rule', () => {
  const cases: [string, GenerationRequest, string, string][] = [
    [
      'width not a multiple of 16',
      req('flux-2-pro', { width: 1000, height: 1008 }),
      'width',
      'width: must be a multiple of 16 (flux-2-pro)',
    ],
    [
      'width below 64',
      req('flux-2-pro', { width: 32, height: 64 }),
      'width',
      'width: must be at least 64 (or 0 to follow the input image)',
    ],
    [
      'FLUX.1 width over 1440',
      req('flux-pro-1.1', { width: 1472, height: 768 }),
      'width',
      'width: must be at most 1440',
    ],
    [
      'FLUX.1 width not a multiple of 32',
      req('flux-dev', { width: 1008, height: 768 }),
      'width',
      'width: must be a multiple of 32 (flux-dev)',
    ],
    [
      'over 4 MP',
      req('flux-2-max', { width: 2064, height: 2048 }),
      'width',
      'width: width × height must be at most 4 MP (flux-2-max)',
    ],
    ['width without height', req('flux-2-pro', { width: 1024 }), 'height', 'height: is required when width is set'],
    [
      'too many references',
      req('flux-2-klein-4b', {}, 5),
      'inputs',
      'inputs: flux-2-klein-4b takes at most 4 reference images',
    ],
    [
      'more than one image prompt',
      req('flux-pro-1.1', {}, 2),
      'inputs',
      'inputs: flux-pro-1.1 takes at most 1 reference image',
    ],
    [
      'fill without an image',
      req('flux-pro-1.0-fill', {}, 0),
      'inputs',
      'inputs: flux-pro-1.0-fill needs an image to work on',
    ],
    [
      'a field the model does not take',
      req('flux-2-pro', { steps: 20 }),
      'steps',
      'steps: flux-2-pro does not take this field',
    ],
    ['empty prompt', req('flux-2-pro', {}, 0, '   '), 'prompt', 'prompt: is required'],
    [
      'FLUX.2 safety over 5',
      req('flux-2-pro', { safety_tolerance: 6 }),
      'safety_tolerance',
      'safety_tolerance: must be at most 5',
    ],
    [
      'FLUX.1 safety over 6',
      req('flux-pro-1.1', { safety_tolerance: 7 }),
      'safety_tolerance',
      'safety_tolerance: must be at most 6',
    ],
    ['flex steps over 50', req('flux-2-flex', { steps: 51 }), 'steps', 'steps: must be at most 50'],
    ['flex guidance under 1.5', req('flux-2-flex', { guidance: 1 }), 'guidance', 'guidance: must be at least 1.5'],
    ['fill steps under 15', req('flux-pro-1.0-fill', { steps: 14 }, 1), 'steps', 'steps: must be at least 15'],
    ['dev guidance over 5', req('flux-dev', { guidance: 6 }), 'guidance', 'guidance: must be at most 5'],
    ['fractional seed', req('flux-2-pro', { seed: 1.5 }), 'seed', 'seed: must be a whole number'],
    ['seed as text', req('flux-2-pro', { seed: '42' }), 'seed', 'seed: must be a whole number'],
    [
      'unknown output format',
      req('flux-2-pro', { output_format: 'gif' }),
      'output_format',
      'output_format: must be one of jpeg, png, webp',
    ],
    ['raw as a string', req('flux-pro-1.1-ultra', { raw: 'yes' }), 'raw', 'raw: must be true or false'],
    [
      'strength over 1',
      req('flux-pro-1.1-ultra', { image_prompt_strength: 1.5 }),
      'image_prompt_strength',
      'image_prompt_strength: must be at most 1',
    ],
    [
      'aspect too wide',
      req('flux-kontext-pro', { aspect_ratio: '22:9' }),
      'aspect_ratio',
      'aspect_ratio: must be between 9:21 and 21:9 (flux-kontext-pro)',
    ],
    [
      'aspect not a ratio',
      req('flux-pro-1.1-ultra', { aspect_ratio: 'wide' }),
      'aspect_ratio',
      'aspect_ratio: must be a ratio like 16:9',
    ],
    ['expand over 2048', req('flux-pro-1.0-expand', { top: 2049 }, 1), 'top', 'top: must be at most 2048'],
    [
      'width/height on a kontext model',
      req('flux-kontext-max', { width: 1024, height: 1024 }),
      'width',
      'width: flux-kontext-max does not take this field',
    ],
    [
      'an image in params',
      req('flux-2-pro', { input_image: 'abc' }),
      'input_image',
      'input_image: reference images go in inputs, not params',
    ],
    [
      'a webhook',
      req('flux-2-pro', { webhook_url: 'https://x.test' }),
      'webhook_url',
      'webhook_url: Seedbank polls for results and does not use webhooks',
    ],
    [
      'width 0 with no input image',
      req('flux-2-pro', { width: 0, height: 0 }),
      'width',
      'width: 0 follows the input image, and there is none; use at least 64',
    ],
    ['unknown model', req('flux-9', {}), 'model', 'model: unknown model flux-9'],
  ];
  for (const [name, request, field, message] of cases) {
    it(name, () => {
      const err = failure(request);
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.field).toBe(field);
      expect(err.message).toBe(message);
    });
  }

  it('refuses FLUX.2 pro when inputs and output pass 9 MP together', () => {
    expect(() =>
      validateRequest(req('flux-2-pro', { width: 2048, height: 2048 }, 2), { inputMegapixels: [3, 3] }),
    ).toThrow('inputs: input and output together must be at most 9 MP (flux-2-pro)');
    expect(() =>
      validateRequest(req('flux-2-pro', { width: 2048, height: 2048 }, 2), { inputMegapixels: [2, 2] }),
    ).not.toThrow();
  });
});

describe('validateRequest normalises the body', () => {
  it('fills in the model default output format and reports it', () => {
    expect(validateRequest(req('flux-kontext-pro')).body.output_format).toBe('png');
    const v = validateRequest(req('flux-2-pro'));
    expect(v.outputFormat).toBe('jpeg');
    expect(v.body).toEqual({ prompt: 'a red fox', output_format: 'jpeg' });
  });

  it('drops params left empty (null) so BFL applies its own default', () => {
    const v = validateRequest(req('flux-2-pro', { seed: null, width: 1024, height: 1024 }));
    expect(v.body).toEqual({ prompt: 'a red fox', width: 1024, height: 1024, output_format: 'jpeg' });
  });

  it('lets fill and expand run without a prompt', () => {
    expect(validateRequest(req('flux-pro-1.0-fill', {}, 1, '')).body.prompt).toBeUndefined();
    expect(validateRequest(req('flux-pro-1.0-expand', { top: 64 }, 1, '')).body.top).toBe(64);
  });
});

describe('imageFieldNames', () => {
  it('names BFL slots in order for each family', () => {
    expect(imageFieldNames('flux-2-max', 3)).toEqual(['input_image', 'input_image_2', 'input_image_3']);
    expect(imageFieldNames('flux-2-pro', 8).at(-1)).toBe('input_image_8');
    expect(imageFieldNames('flux-2-klein-9b', 8)).toHaveLength(4);
    expect(imageFieldNames('flux-kontext-max', 4)).toEqual([
      'input_image',
      'input_image_2',
      'input_image_3',
      'input_image_4',
    ]);
    expect(imageFieldNames('flux-pro-1.1-ultra', 1)).toEqual(['image_prompt']);
    expect(imageFieldNames('flux-dev', 1)).toEqual(['image_prompt']);
    expect(imageFieldNames('flux-pro-1.0-fill', 2)).toEqual(['image', 'mask']);
    expect(imageFieldNames('flux-pro-1.0-expand', 1)).toEqual(['image']);
  });
});

describe('estimateCost', () => {
  const square = { width: 1024, height: 1024 };
  const twoMp = { width: 2048, height: 1024 };
  it('prices FLUX.2 per megapixel: first MP + extra output MP + input MP', () => {
    expect(estimateCost('flux-2-pro', square, [])).toBe(3);
    expect(estimateCost('flux-2-pro', twoMp, [])).toBe(4.5);
    expect(estimateCost('flux-2-pro', square, [1])).toBe(4.5);
    expect(estimateCost('flux-2-max', twoMp, [1, 1])).toBe(7 + 3 + 6);
    expect(estimateCost('flux-2-flex', twoMp, [])).toBe(10);
    expect(estimateCost('flux-2-klein-4b', twoMp, [1])).toBe(1.6);
    expect(estimateCost('flux-2-klein-9b', square, [0.5])).toBe(1.6);
    expect(estimateCost('flux-2-klein-9b-preview', square, [])).toBe(1.5);
    expect(estimateCost('flux-2-pro-preview', square, [])).toBe(3);
  });

  it('counts 1 MP of output when the size follows the input', () => {
    expect(estimateCost('flux-2-pro', {}, [2])).toBe(6);
    expect(estimateCost('flux-2-pro', { width: 0, height: 0 }, [])).toBe(3);
  });

  it('prices FLUX.1 models flat', () => {
    expect(estimateCost('flux-kontext-pro', {}, [1])).toBe(4);
    expect(estimateCost('flux-kontext-max', {}, [])).toBe(8);
    expect(estimateCost('flux-pro-1.1', square, [])).toBe(4);
    expect(estimateCost('flux-pro-1.1-ultra', {}, [])).toBe(6);
    expect(estimateCost('flux-pro-1.0-fill', {}, [1, 1])).toBe(5);
    expect(estimateCost('flux-dev', square, [])).toBe(2.5);
  });

  it('has no estimate for an unknown model', () => {
    expect(estimateCost('flux-9', {}, [])).toBeNull();
  });
});

describe('sizeForAspect and snapSize', () => {
  it('gives about 1 MP with the ratio on a multiple of 16 for FLUX.2', () => {
    expect(sizeForAspect('flux-2-pro', '1:1')).toEqual({ width: 1024, height: 1024 });
    const wide = sizeForAspect('flux-2-pro', '16:9');
    expect(wide).toEqual({ width: 1360, height: 768 });
  });

  it('stays inside 256–1440 on multiples of 32 for FLUX.1', () => {
    const tall = sizeForAspect('flux-pro-1.1', '9:21') as { width: number; height: number };
    expect(tall.height).toBeLessThanOrEqual(1440);
    expect(tall.width % 32).toBe(0);
    expect(tall.height % 32).toBe(0);
  });

  it('passes the ratio through for aspect models, and refuses one out of range', () => {
    expect(sizeForAspect('flux-pro-1.1-ultra', '21:9')).toEqual({ aspect_ratio: '21:9' });
    expect(() => sizeForAspect('flux-kontext-pro', '1:4')).toThrow(
      'aspect_ratio: must be between 9:21 and 21:9 (flux-kontext-pro)',
    );
    expect(() => sizeForAspect('flux-pro-1.0-fill', '1:1')).toThrow(/takes its size from the input image/);
  });

  it('snaps free sizes to the model rule and the 4 MP cap', () => {
    expect(snapSize('flux-2-pro', 1000, 1001)).toEqual({ width: 1008, height: 1008 });
    expect(snapSize('flux-2-pro', 10, 10)).toEqual({ width: 64, height: 64 });
    const capped = snapSize('flux-2-pro', 4096, 4096)!;
    expect(capped.width * capped.height).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(capped.width % 16).toBe(0);
    expect(snapSize('flux-dev', 2000, 100)).toEqual({ width: 1440, height: 256 });
    expect(snapSize('flux-kontext-pro', 1024, 1024)).toBeNull();
  });
});
