import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

describe('search highlighting in the detail view', () => {
  it('marks each searched word, whatever its case', () => {
    expect(highlightParts('A red Fox in snow', 'fox snow')).toEqual([
      { text: 'A red ', match: false },
      { text: 'Fox', match: true },
      { text: ' in ', match: false },
      { text: 'snow', match: true },
    ]);
  });

  it('leaves the text alone without a search, and treats regex characters as text', () => {
    expect(highlightParts('a (b) c', '')).toEqual([{ text: 'a (b) c', match: false }]);
    expect(highlightParts('a (b) c', '(b)')).toEqual([
      { text: 'a ', match: false },
      { text: '(b)', match: true },
      { text: ' c', match: false },
    ]);
  });
});
