/** A prompt with the words that differ from the others' marked: <del> in the first image's, <ins> in the rest. */
import type { DiffPart } from './word-diff';

export function PromptDiff({ parts, first }: { parts: DiffPart[]; first: boolean }) {
  const Mark = first ? 'del' : 'ins';
  const title = first ? 'Missing from another prompt' : 'Not in the first prompt';
  if (parts.length === 0) return <em>(no prompt)</em>;
  return (
    <span className="prompt-diff">
      {parts.map((part, i) =>
        part.changed ? (
          <Mark key={i} title={title}>
            {part.text}
          </Mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}
