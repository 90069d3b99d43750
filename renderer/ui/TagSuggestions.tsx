/** The library's existing tags as suggestions for a tag field (most used first), via a datalist. */
import { useLibraryStore } from '../state/library-store';

export function TagSuggestions({ id }: { id: string }) {
  const tags = useLibraryStore((s) => s.tags);
  return (
    <datalist id={id}>
      {tags.map((t) => (
        <option key={t.tag} value={t.tag} />
      ))}
    </datalist>
  );
}
