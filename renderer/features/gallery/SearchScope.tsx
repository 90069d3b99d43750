/**
 * Beside the search box: whether search also reads the prompt BFL rewrote. Off by default, so a
 * search finds the person's own words; BFL's rewrite adds the same words ("detailed", "soft
 * natural light") to nearly every upsampled prompt. Remembered across restarts.
 */
import { useLibraryStore } from '../../state/library-store';

export function SearchScope() {
  const on = useLibraryStore((s) => s.filter.searchUpsampled === true);
  const setSearchUpsampled = useLibraryStore((s) => s.setSearchUpsampled);
  return (
    <label
      className="inline search-scope"
      title="Also search the prompt BFL rewrote when prompt upsampling was on (its added words match many images)"
    >
      <input type="checkbox" checked={on} onChange={(e) => setSearchUpsampled(e.target.checked)} />
      Include BFL’s rewritten prompts
    </label>
  );
}
