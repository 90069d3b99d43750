/** Full-text search over prompts; queries as you type, after a short pause. */
import { useEffect, useRef, useState } from 'react';
import { useLibraryStore } from '../../state/library-store';

// Short: a query costs the core ~20 ms even at 100,000 images, and answers to older queries are
// dropped, so waiting longer would only delay the results. A last word of one letter is a prefix
// that matches much of the library (slow to search, and rarely what is meant), so it waits longer:
// while typing on, the next keystroke replaces it before it is ever sent.
const DEBOUNCE_MS = 25;
const SHORT_WORD_DEBOUNCE_MS = 150;

function debounceFor(text: string): number {
  const lastWord = text.trimEnd().split(/\s+/).at(-1) ?? '';
  return lastWord.length === 1 ? SHORT_WORD_DEBOUNCE_MS : DEBOUNCE_MS;
}

export function SearchBox() {
  const search = useLibraryStore((s) => s.filter.search ?? '');
  const setFilter = useLibraryStore((s) => s.setFilter);
  const [text, setText] = useState(search);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setText(search), [search]);

  const onChange = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setFilter({ search: value.trim() || undefined }), debounceFor(value));
  };

  return (
    <input
      id="library-search"
      className="search"
      type="search"
      aria-label="Search"
      placeholder="Search prompts  ( / )"
      value={text}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          onChange('');
          e.currentTarget.blur();
        }
      }}
    />
  );
}
