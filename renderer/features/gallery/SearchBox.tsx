/** Full-text search over prompts; queries as you type, after a short pause. */
import { useEffect, useRef, useState } from 'react';
import { useLibraryStore } from '../../state/library-store';
import { holdThumbnails } from './thumb-hold';

// No pause for a word being typed: a search page costs the core a few ms even at 100,000 images
// (its count is asked after the page), and the store keeps one query in flight and drops
// answers to older ones, so a keystroke that lands while a query runs only makes the next query
// the latest text. Waiting would only add its length to every search: with 25 ms, a last
// keystroke waited the pause and then the query still running. A last word of one letter is a
// prefix that matches much of the library (slow to search, and rarely what is meant), so it
// waits: while typing on, the next keystroke replaces it before it is ever sent.
const DEBOUNCE_MS = 0;
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
  // The box follows the filter when it changes from elsewhere (a tag link, a cleared view), but
  // not to the trimmed text of a query typed before: that would take out a space just typed.
  useEffect(() => setText((typed) => (typed.trim() === search ? typed : search)), [search]);

  const onChange = (value: string) => {
    setText(value);
    holdThumbnails();
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const apply = () => {
      const next = value.trim() || undefined;
      // A space typed between words asks nothing new: the search is the same words.
      if (next !== useLibraryStore.getState().filter.search) setFilter({ search: next });
    };
    const wait = debounceFor(value);
    // No pause: the query leaves from the keystroke's own event. Even a 0 ms timer waited for the
    // frame that paints the typed letter and for every task queued before it (tile images
    // answering), 10–40 ms on a busy machine.
    if (wait === 0) apply();
    else timer.current = setTimeout(apply, wait);
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
