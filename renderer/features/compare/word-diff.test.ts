import { describe, expect, it } from 'vitest';
import { MAX_DIFF_CELLS, diffPrompts, diffWords, tokenize, type DiffPart } from './word-diff';

const changed = (parts: DiffPart[]) => parts.filter((p) => p.changed).map((p) => p.text);
const joined = (parts: DiffPart[]) => parts.map((p) => p.text).join('');

describe('tokenize', () => {
  it('cuts words, keeps contractions and hyphenated words whole, and makes punctuation its own token', () => {
    expect(tokenize("a sci-fi fox, it's  asleep.").map((t) => t.word)).toEqual([
      'a',
      'sci-fi',
      'fox',
      ',',
      "it's",
      'asleep',
      '.',
    ]);
  });

  it('reads words in any script', () => {
    expect(tokenize('ein Fuchs im Schnee, 雪の中の狐').map((t) => t.word)).toEqual([
      'ein',
      'Fuchs',
      'im',
      'Schnee',
      ',',
      '雪の中の狐',
    ]);
  });
});

describe('diffPrompts', () => {
  it('marks the one replaced word on each side and nothing else', () => {
    const { base, others } = diffPrompts('a red fox asleep in snow', ['a grey fox asleep in snow']);
    expect(changed(base)).toEqual(['red']);
    expect(changed(others[0]!)).toEqual(['grey']);
  });

  it('marks added words only on the side that has them', () => {
    const { base, others } = diffPrompts('a fox in snow', ['a fox asleep in fresh snow']);
    expect(changed(base)).toEqual([]);
    expect(changed(others[0]!)).toEqual(['asleep', 'fresh']);
  });

  it('joins neighbouring changed words into one run, the space between them included', () => {
    const { others } = diffPrompts('a fox', ['a small red fox']);
    expect(changed(others[0]!)).toEqual(['small red']);
  });

  it('keeps every character, so the parts read back as the prompt', () => {
    const a = '  a red fox,\nasleep  in snow ';
    const b = 'a red fox;  awake in snow!';
    const { base, others } = diffPrompts(a, [b]);
    expect(joined(base)).toBe(a);
    expect(joined(others[0]!)).toBe(b);
  });

  it('does not count a change of spacing as a change', () => {
    const { base, others } = diffPrompts('a red  fox', ['a red fox']);
    expect(changed(base)).toEqual([]);
    expect(changed(others[0]!)).toEqual([]);
  });

  it('marks in the base the words that any of several others lack', () => {
    const { base, others } = diffPrompts('a red fox in snow', ['a red fox in rain', 'a fox in snow']);
    expect(changed(base)).toEqual(['red', 'snow']);
    expect(changed(others[0]!)).toEqual(['rain']);
    expect(changed(others[1]!)).toEqual([]);
  });

  it('finds the one changed word in the middle of a 5,000-word prompt', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i % 97}`);
    const a = words.join(' ');
    const b = [...words.slice(0, 2500), 'CHANGED', ...words.slice(2501)].join(' ');
    const { base, others } = diffPrompts(a, [b]);
    expect(changed(base)).toEqual(['w75']); // 2500 % 97
    expect(changed(others[0]!)).toEqual(['CHANGED']);
  });

  it('aligns two long prompts that differ throughout (every third word replaced)', () => {
    const a = Array.from({ length: 1500 }, (_, i) => `w${i}`);
    const b = a.map((w, i) => (i % 3 === 1 ? `x${i}` : w));
    const { removed, added } = diffWords(a, b);
    expect(removed.filter(Boolean)).toHaveLength(500);
    expect(added.filter(Boolean)).toHaveLength(500);
    expect(added[1]).toBe(true);
    expect(added[0]).toBe(false);
  });

  it('marks the whole middle changed when the prompts are too long to align word by word', () => {
    const side = Math.ceil(Math.sqrt(MAX_DIFF_CELLS)) + 1;
    const a = ['same', ...Array.from({ length: side }, (_, i) => `a${i}`), 'end'];
    const b = ['same', ...Array.from({ length: side }, (_, i) => `b${i}`), 'end'];
    const { removed, added } = diffWords(a, b);
    expect(removed[0]).toBe(false);
    expect(removed.at(-1)).toBe(false);
    expect(removed.slice(1, -1).every(Boolean)).toBe(true);
    expect(added.slice(1, -1).every(Boolean)).toBe(true);
  });
});
