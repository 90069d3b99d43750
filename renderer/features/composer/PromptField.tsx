/** The prompt: multi-line, ↑ at the start / ↓ at the end walks through prompts sent before. */
import type { KeyboardEvent } from 'react';
import { useComposerStore } from '../../state/composer-store';

export function PromptField({ invalid, required }: { invalid: boolean; required: boolean }) {
  const prompt = useComposerStore((s) => s.prompt);
  const setPrompt = useComposerStore((s) => s.setPrompt);
  const stepHistory = useComposerStore((s) => s.stepHistory);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = event.currentTarget;
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd = el.selectionStart === el.value.length;
    if (event.key === 'ArrowUp' && atStart && !event.shiftKey) {
      if (stepHistory(-1)) event.preventDefault();
    } else if (event.key === 'ArrowDown' && atEnd && !event.shiftKey) {
      if (stepHistory(1)) event.preventDefault();
    }
  };

  return (
    <div className="field">
      <label htmlFor="composer-prompt">Prompt</label>
      <textarea
        id="composer-prompt"
        className="prompt"
        rows={4}
        value={prompt}
        placeholder={required ? 'Describe the image…  (↑ for earlier prompts)' : 'Optional for this model'}
        aria-invalid={invalid}
        aria-describedby="composer-prompt-hint"
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id="composer-prompt-hint" className="hint">
        Ctrl/⌘+Enter generates · ↑/↓ earlier prompts
      </span>
    </div>
  );
}
