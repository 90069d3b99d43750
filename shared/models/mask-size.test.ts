import { describe, expect, it } from 'vitest';
import { getModel, validateRequest } from '../models';
import { SeedbankError } from '../errors';
import { maskSizeProblem } from './editor-kinds';

const HASH = 'a'.repeat(64);
const fill = getModel('flux-pro-1.0-fill')!;
const fillRequest = { model: fill.id, prompt: 'a red door', params: {}, inputs: [HASH, HASH] };

describe('a mask must be its image’s size', () => {
  it('names both sizes when they differ', () => {
    const problem = maskSizeProblem(fill, [
      { width: 1024, height: 768 },
      { width: 512, height: 512 },
    ]);
    expect(problem).toBe('the mask is 512×512 but its image is 1024×768; they must be the same size');
  });

  it('has nothing to say when the sizes match, a size is unknown or the model takes no mask', () => {
    const same = { width: 1024, height: 768 };
    expect(maskSizeProblem(fill, [same, { ...same }])).toBeNull();
    expect(maskSizeProblem(fill, [same, null])).toBeNull();
    expect(maskSizeProblem(fill, [same])).toBeNull();
    expect(
      maskSizeProblem(getModel('flux-2-pro')!, [
        { width: 1, height: 1 },
        { width: 2, height: 2 },
      ]),
    ).toBeNull();
  });

  it('is refused by request validation with the field named, when the sizes are known', () => {
    let error: unknown;
    try {
      validateRequest(fillRequest, {
        inputSizes: [
          { width: 1024, height: 768 },
          { width: 512, height: 512 },
        ],
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SeedbankError);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'mask',
      message: 'mask: the mask is 512×512 but its image is 1024×768; they must be the same size',
    });
    expect(() =>
      validateRequest(fillRequest, {
        inputSizes: [
          { width: 1024, height: 768 },
          { width: 1024, height: 768 },
        ],
      }),
    ).not.toThrow();
  });
});
