/**
 * The tags part of "More filters": tick any number of the library's tags and say whether an image
 * needs all of them or any one. A find field narrows a long list; the core bounds how many tags
 * one filter may name, so the boxes stop there with the reason.
 */
import { useState } from 'react';
import { MAX_FILTER_TAGS } from '../../../shared/library-limits';
import { useLibraryStore } from '../../state/library-store';

const NO_TAGS: readonly string[] = [];

export function TagFilter() {
  const tags = useLibraryStore((s) => s.tags);
  const chosen = useLibraryStore((s) => s.filter.tags ?? NO_TAGS);
  const match = useLibraryStore((s) => s.filter.tagMatch ?? 'all');
  const setFilter = useLibraryStore((s) => s.setFilter);
  const [find, setFind] = useState('');
  const full = chosen.length >= MAX_FILTER_TAGS;

  const isChosen = (tag: string) => chosen.some((c) => c.toLowerCase() === tag.toLowerCase());
  const setTags = (next: string[]) => setFilter({ tags: next.length > 0 ? next : undefined });
  const toggle = (tag: string) =>
    setTags(isChosen(tag) ? chosen.filter((c) => c.toLowerCase() !== tag.toLowerCase()) : [...chosen, tag]);
  const needle = find.trim().toLowerCase();
  // Chosen tags stay listed (and can be unticked) even when no image carries them any more.
  const gone = chosen.filter((c) => !tags.some((t) => t.tag.toLowerCase() === c.toLowerCase()));
  const options = [...gone.map((tag) => ({ tag, count: 0 })), ...tags].filter(
    (t) => isChosen(t.tag) || t.tag.toLowerCase().includes(needle),
  );

  return (
    <fieldset className="tag-filter">
      <legend>Tags</legend>
      <div className="tag-match">
        <div role="radiogroup" aria-label="Images with">
          <label>
            <input
              type="radio"
              name="tag-match"
              checked={match === 'all'}
              onChange={() => setFilter({ tagMatch: undefined })}
            />
            All of
          </label>
          <label>
            <input
              type="radio"
              name="tag-match"
              checked={match === 'any'}
              onChange={() => setFilter({ tagMatch: 'any' })}
            />
            Any of
          </label>
        </div>
        {chosen.length > 0 && (
          <button type="button" className="small ghost" onClick={() => setTags([])}>
            Clear tags
          </button>
        )}
      </div>
      {tags.length > 8 && (
        <input
          type="search"
          aria-label="Find a tag"
          placeholder="Find a tag"
          value={find}
          onChange={(e) => setFind(e.target.value)}
        />
      )}
      {tags.length === 0 && gone.length === 0 ? (
        <p className="hint">No tags yet: select images and add tags in the selection bar.</p>
      ) : (
        <ul className="tag-options" aria-label="Tags to filter by">
          {options.map((t) => (
            <li key={t.tag}>
              <label>
                <input
                  type="checkbox"
                  checked={isChosen(t.tag)}
                  disabled={full && !isChosen(t.tag)}
                  onChange={() => toggle(t.tag)}
                />
                {t.tag}
                <span className="hint" aria-hidden="true">
                  {t.count}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {full && <p className="hint">At most {MAX_FILTER_TAGS} tags at once.</p>}
    </fieldset>
  );
}
