/** Prompts sent before, newest last, kept in the page's local storage for ↑/↓ in the prompt field. */
const KEY = 'seedbank.promptHistory';
const LIMIT = 200;

export function loadHistory(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberPrompt(history: string[], prompt: string): string[] {
  const trimmed = prompt.trim();
  if (!trimmed) return history;
  const next = [...history.filter((p) => p !== prompt), prompt].slice(-LIMIT);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or denied: history is a convenience, not data.
  }
  return next;
}
