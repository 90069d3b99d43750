/**
 * Splits a text into parts that match the search's words and parts that do not, so the detail
 * view can mark why an image matched. Words as the grid's search takes them (quotes and `*`
 * ignored), case-insensitive.
 */
export interface TextPart {
  text: string;
  match: boolean;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function highlightParts(text: string, search: string | undefined): TextPart[] {
  const words = (search ?? '')
    .replace(/["*]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map(escape);
  if (words.length === 0 || text.length === 0) return [{ text, match: false }];
  const pattern = new RegExp(`(${words.join('|')})`, 'gi');
  // Splitting on a capturing pattern alternates: text, match, text, match, …
  return text
    .split(pattern)
    .map((part, i) => ({ text: part, match: i % 2 === 1 }))
    .filter((part) => part.text.length > 0);
}
