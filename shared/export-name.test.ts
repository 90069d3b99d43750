import { describe, expect, it } from 'vitest';
import { claimFileName, nameTemplateProblem, renderFileName, sanitizeFileName, type NameFields } from './export-name';

const fields: NameFields = {
  id: '01JTESTID',
  createdAt: '2026-03-04T05:06:07.000Z',
  prompt: 'A red fox   in the snow, at dawn',
  seed: 42,
  model: 'flux-2-pro',
  projectName: 'Winter',
  rating: 4,
};

describe('export file names', () => {
  it('fills every token', () => {
    expect(renderFileName('{date}_{time}-{prompt:9}-{seed}-{model}-{id}-{project}-{rating}', fields)).toBe(
      '2026-03-04_050607-A red fox-42-flux-2-pro-01JTESTID-Winter-4',
    );
  });

  it('names a missing seed and project instead of leaving a gap', () => {
    expect(renderFileName('{project}-{seed}', { ...fields, seed: null, projectName: null })).toBe('unsorted-noseed');
  });

  it('names an imported image without a prompt by its original file name', () => {
    expect(
      renderFileName('{prompt:40}-{seed}', { ...fields, prompt: '', seed: null, fileName: 'IMG_0042.HEIC.png' }),
    ).toBe('IMG_0042.HEIC-noseed');
  });

  it('turns separators and characters Windows refuses into underscores', () => {
    expect(renderFileName('{prompt:80}', { ...fields, prompt: 'cat/dog: "why?" <a|b> *\\ \u0007end' })).toBe(
      'cat_dog_ _why__ _a_b_ __ _end',
    );
  });

  it('avoids reserved device names and trailing dots', () => {
    expect(sanitizeFileName('CON')).toBe('_CON');
    expect(sanitizeFileName('lpt1.txt')).toBe('_lpt1.txt');
    expect(sanitizeFileName('dusk...  ')).toBe('dusk');
    expect(sanitizeFileName('...')).toBe('image');
  });

  it('keeps names within 200 bytes without splitting a character', () => {
    const name = renderFileName('{prompt:200}', { ...fields, prompt: '雪'.repeat(200) });
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(200);
    expect(name).toBe('雪'.repeat(66));
  });

  it('cuts the prompt by characters, never inside an emoji', () => {
    expect(renderFileName('{prompt:3}', { ...fields, prompt: '🦊🦊🦊🦊' })).toBe('🦊🦊🦊');
  });

  it('numbers collisions, ignoring case as Windows and macOS do', () => {
    const taken = new Set(['fox.jpg']);
    expect(claimFileName('Fox', 'jpg', taken)).toBe('Fox-2.jpg');
    expect(claimFileName('fox', 'jpg', taken)).toBe('fox-3.jpg');
    expect(claimFileName('fox', 'png', taken)).toBe('fox.png');
  });

  it('names the unknown token or the unbalanced brace', () => {
    expect(nameTemplateProblem('{date}-{colour}')).toMatch(/Unknown token \{colour\}/);
    expect(nameTemplateProblem('{date')).toMatch(/"\{" without its "\}"/);
    expect(nameTemplateProblem('date}')).toMatch(/"\}" without its "\{"/);
    expect(nameTemplateProblem('{seed:4}')).toMatch(/takes no length/);
    expect(nameTemplateProblem('{prompt:0}')).toMatch(/from 1 to 200/);
    expect(nameTemplateProblem('{date}-{prompt:40}-{seed}')).toBeNull();
  });
});
