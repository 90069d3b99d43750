import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SeedbankError } from '../../shared/errors';
import { describeError, errorInfoOf } from './error-text';

describe('error messages a person can act on', () => {
  it('has a title and a next step for every contract code', () => {
    for (const code of ERROR_CODES) {
      const text = describeError({ code, message: 'detail' });
      expect(text.title.length, code).toBeGreaterThan(3);
      expect(text.detail.length, code).toBeGreaterThan(3);
    }
  });

  it('sends key problems to Settings', () => {
    expect(describeError({ code: 'KEY_MISSING', message: '' }).action).toBe('settings');
    expect(describeError({ code: 'KEY_REJECTED', message: '' }).action).toBe('settings');
  });

  it('names the field of an invalid input without repeating it', () => {
    const text = describeError({
      code: 'INVALID_INPUT',
      message: 'width: must be a multiple of 16 (flux-2-pro)',
      field: 'width',
    });
    expect(text.title).toBe('Width: not accepted');
    expect(text.detail).toBe('must be a multiple of 16 (flux-2-pro)');
  });

  it('ends each sentence once', () => {
    expect(describeError({ code: 'NETWORK', message: 'Connection refused.' }).detail).not.toContain('..');
    expect(describeError({ code: 'NETWORK', message: 'Connection refused' }).detail).toMatch(/^Connection refused\. /);
  });

  it('keeps the code of a thrown SeedbankError', () => {
    expect(errorInfoOf(new SeedbankError('OUT_OF_CREDITS', 'no credits'))).toEqual({
      code: 'OUT_OF_CREDITS',
      message: 'no credits',
    });
    expect(errorInfoOf(new Error('boom')).code).toBe('INTERNAL');
  });
});
