import { describe, expect, it } from 'vitest';
import type { Generation } from '../../shared/types';
import { isFilterEmpty, matchesFilter } from './library-filter';

const gen = (over: Partial<Generation> = {}): Generation => ({
  id: 'g1',
  jobId: null,
  taskId: null,
  projectId: null,
  model: 'flux-2-pro',
  prompt: 'a red fox in snow',
  upsampledPrompt: null,
  seed: 1,
  width: 1024,
  height: 1024,
  format: 'jpeg',
  params: {},
  inputs: [],
  cost: 3,
  createdAt: '2026-11-25T10:00:00.000Z',
  favorite: false,
  rating: 0,
  tags: [],
  file: 'images/2026-11/g1.jpg',
  missing: false,
  trashed: false,
  imageUrl: '/a',
  thumbUrl: '/t',
  ...over,
});

describe('matchesFilter (new images placed without a round trip)', () => {
  it('puts a new image in the unfiltered grid but not in the Trash view', () => {
    expect(matchesFilter(gen(), {})).toBe(true);
    expect(matchesFilter(gen(), { trashed: true })).toBe(false);
    expect(matchesFilter(gen({ trashed: true }), {})).toBe(false);
  });

  it('places an image by the tool it was made with, Seedbank being the tool of images with no source', () => {
    const comfy = gen({ source: { tool: 'comfyui', fileName: 'ComfyUI_00001_.png' } });
    expect(matchesFilter(comfy, { source: 'comfyui' })).toBe(true);
    expect(matchesFilter(comfy, { source: 'seedbank' })).toBe(false);
    expect(matchesFilter(gen(), { source: 'seedbank' })).toBe(true);
    expect(matchesFilter(comfy, { search: 'comfyui_00001' })).toBe(true);
  });

  it('tells Unsorted (null) from every project (absent)', () => {
    expect(matchesFilter(gen({ projectId: null }), { projectId: null })).toBe(true);
    expect(matchesFilter(gen({ projectId: 'p1' }), { projectId: null })).toBe(false);
    expect(matchesFilter(gen({ projectId: 'p1' }), { projectId: 'p1' })).toBe(true);
  });

  it('applies model, favourite, rating, tag, references and dates', () => {
    expect(matchesFilter(gen(), { model: 'flux-dev' })).toBe(false);
    expect(matchesFilter(gen({ favorite: true }), { favorite: true })).toBe(true);
    expect(matchesFilter(gen({ rating: 2 }), { minRating: 3 })).toBe(false);
    expect(matchesFilter(gen({ tags: ['print'] }), { tag: 'print' })).toBe(true);
    expect(matchesFilter(gen({ inputs: ['a'.repeat(64)] }), { hasReferences: false })).toBe(false);
    expect(matchesFilter(gen(), { from: '2026-11-26T00:00:00.000Z' })).toBe(false);
  });

  it('matches a search when every word is in the prompt', () => {
    expect(matchesFilter(gen(), { search: 'fox snow' })).toBe(true);
    expect(matchesFilter(gen(), { search: 'fox whale' })).toBe(false);
  });

  it('places an image under several tags: any of them, or all of them', () => {
    const both = gen({ tags: ['fox', 'Owl'] });
    const fox = gen({ tags: ['fox'] });
    expect(matchesFilter(fox, { tags: ['fox', 'owl'], tagMatch: 'any' })).toBe(true);
    expect(matchesFilter(fox, { tags: ['fox', 'owl'], tagMatch: 'all' })).toBe(false);
    expect(matchesFilter(fox, { tags: ['fox', 'owl'] })).toBe(false);
    expect(matchesFilter(both, { tags: ['FOX', 'owl'], tagMatch: 'all' })).toBe(true);
    expect(matchesFilter(gen(), { tags: ['fox'], tagMatch: 'any' })).toBe(false);
  });

  it('leaves the prompt BFL rewrote out of a search unless asked', () => {
    const rewritten = gen({ upsampledPrompt: 'a red fox in snow, rendered in rich detail' });
    expect(matchesFilter(rewritten, { search: 'detail' })).toBe(false);
    expect(matchesFilter(rewritten, { search: 'detail', searchUpsampled: true })).toBe(true);
  });

  it('counts a filter of empty values as no filter', () => {
    expect(isFilterEmpty({})).toBe(true);
    expect(isFilterEmpty({ search: '' })).toBe(true);
    expect(isFilterEmpty({ favorite: true })).toBe(false);
    expect(isFilterEmpty({ searchUpsampled: true, tagMatch: 'any', tags: [] })).toBe(true);
    expect(isFilterEmpty({ tags: ['fox'] })).toBe(false);
  });
});
