import { describe, expect, it } from 'vitest';
import { SeedbankError } from '../../../shared/errors';
import { createDispatcher } from './dispatch';

describe('the contract dispatcher', () => {
  const dispatch = createDispatcher({
    'projects:create': ({ name }) => ({ id: 'p1', name, createdAt: '2026-11-25T00:00:00Z', count: 0 }),
    'library:get': () => {
      throw new SeedbankError('NOT_FOUND', 'No image with id x');
    },
    'key:status': () => {
      throw new Error('disk on fire');
    },
  });

  it('answers a valid call with {result} after applying the schema', async () => {
    expect(await dispatch('projects:create', { name: '  Posters  ' })).toEqual({
      result: { id: 'p1', name: 'Posters', createdAt: '2026-11-25T00:00:00Z', count: 0 },
    });
  });

  it('refuses an unknown channel without calling anything', async () => {
    expect(await dispatch('fs:readFile', { path: '/etc/passwd' })).toEqual({
      error: { code: 'INVALID_INPUT', message: "Unknown channel 'fs:readFile'" },
    });
  });

  it('refuses a malformed payload, naming the field and the rule', async () => {
    const answer = await dispatch('projects:create', { name: 42 });
    expect(answer).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'name' } });
    expect('error' in answer && answer.error.message).toMatch(/^name: /);
  });

  it('refuses fields the contract does not name', async () => {
    expect(await dispatch('projects:create', { name: 'a', extra: true })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('carries a handler error with its stable code', async () => {
    expect(await dispatch('library:get', { id: 'x' })).toEqual({
      error: { code: 'NOT_FOUND', message: 'No image with id x' },
    });
  });

  it('turns an unexpected failure into INTERNAL', async () => {
    expect(await dispatch('key:status', undefined)).toEqual({ error: { code: 'INTERNAL', message: 'disk on fire' } });
  });

  it('says when a channel has no handler at this front door', async () => {
    expect(await dispatch('shell:copyText', { text: 'x' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
