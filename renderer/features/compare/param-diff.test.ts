import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../shared/types';
import { diffParams } from './param-diff';

const base: Generation = {
  id: 'a',
  jobId: null,
  taskId: null,
  projectId: null,
  model: 'flux-2-pro',
  prompt: 'a fox',
  upsampledPrompt: null,
  seed: 1,
  width: 1024,
  height: 1024,
  format: 'jpeg',
  params: { safety_tolerance: 2 },
  inputs: [],
  cost: 3,
  createdAt: '2026-11-25T10:00:00.000Z',
  favorite: false,
  rating: 0,
  tags: [],
  file: 'x',
  missing: false,
  trashed: false,
  imageUrl: '',
  thumbUrl: '',
};

describe('diffParams', () => {
  it('marks only the rows where the images disagree', () => {
    const rows = diffParams([base, { ...base, id: 'b', seed: 2, params: { safety_tolerance: 2, raw: true } }]);
    const differs = rows.filter((r) => r.differs).map((r) => r.name);
    expect(differs).toEqual(['Seed', 'raw']);
    expect(rows.find((r) => r.name === 'raw')?.values).toEqual(['—', 'true']);
    expect(rows[0]?.name).toBe('Prompt');
  });
});
