import { describe, expect, it } from 'vitest';
import { getModel, validateRequest } from '../../shared/models';
import { carryOver, defaultParams, formFields, modelOrDefault, requestParams, sizeFieldNames } from './composer-params';

const spec = (id: string) => {
  const model = getModel(id);
  if (!model) throw new Error(`no model ${id}`);
  return model;
};

describe('composer params built from the model catalog', () => {
  it('starts every model with params its own validation accepts', () => {
    for (const id of [
      'flux-2-pro',
      'flux-2-flex',
      'flux-kontext-pro',
      'flux-pro-1.1',
      'flux-pro-1.1-ultra',
      'flux-dev',
    ]) {
      const model = spec(id);
      const params = requestParams(model, defaultParams(model), null);
      expect(() => validateRequest({ model: id, prompt: 'a fox', params, inputs: [] }), id).not.toThrow();
    }
  });

  it('offers only the fields a model takes (no seed: it has its own control)', () => {
    expect(formFields(spec('flux-2-pro')).map((f) => f.name)).toEqual(['safety_tolerance', 'output_format']);
    expect(formFields(spec('flux-2-flex')).map((f) => f.name)).toContain('guidance');
    expect(sizeFieldNames(spec('flux-kontext-pro'))).toEqual(['aspect_ratio']);
    expect(sizeFieldNames(spec('flux-pro-1.0-expand'))).toEqual(['top', 'bottom', 'left', 'right']);
  });

  it('keeps what the next model takes and fits it to its ranges when switching', () => {
    const from = { width: 1000, height: 1000, safety_tolerance: 6, steps: 50 };
    const out = carryOver(from, spec('flux-2-pro'), defaultParams(spec('flux-2-pro')));
    expect(out.width).toBe(1008); // snapped to a multiple of 16
    expect(out.safety_tolerance).toBe(5); // FLUX.2 stops at 5
    expect(out.steps).toBeUndefined();
  });

  it('sends the seed only when one is set, and drops fields the model does not take', () => {
    const model = spec('flux-2-pro');
    expect(requestParams(model, { width: 1024, height: 1024, steps: 3 }, 42)).toEqual({
      width: 1024,
      height: 1024,
      seed: 42,
    });
    expect(requestParams(model, { width: 1024, height: 1024 }, null)).not.toHaveProperty('seed');
  });

  it('falls back to FLUX.2 [pro] for an unknown model id', () => {
    expect(modelOrDefault('nope').id).toBe('flux-2-pro');
  });
});
