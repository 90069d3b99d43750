/** A prompt with the words of the current search marked, so it is clear why the image matched. */
import { useLibraryStore } from '../../state/library-store';
import { highlightParts } from './highlight';

export function Highlighted({ text }: { text: string }) {
  const search = useLibraryStore((s) => s.filter.search);
  return (
    <>
      {highlightParts(text, search).map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}
