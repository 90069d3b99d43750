/**
 * Word-level difference between prompts: which words one prompt has that the other does not, so the
 * compare view can highlight exactly the words that changed between two generations. Pure.
 *
 * Words are compared, not characters: "red fox" → "grey fox" marks "red" and "grey", not "r"/"g".
 * Punctuation marks are words of their own so "fox," still matches "fox". Whitespace is never
 * compared (a double space is not a change) but is kept, so the parts join back to the prompt.
 */

/** A run of a prompt, `changed` when its words are not in the prompt it is compared with. */
export interface DiffPart {
  text: string;
  changed: boolean;
}

interface Token {
  word: string;
  start: number;
  end: number;
}

// A word is letters/digits/marks, joined by apostrophes or inner hyphens ("it's", "sci-fi");
// any other non-space character is a token of its own.
const TOKEN = /[\p{L}\p{N}\p{M}_]+(?:['’-][\p{L}\p{N}\p{M}_]+)*|\S/gu;

/**
 * Above this many cells (words of one middle × words of the other, after the common start and end
 * are set aside) the middles are marked changed as a whole instead of aligned word by word: the
 * table would take tens of MB and the prompts have nothing useful in common to show anyway.
 */
export const MAX_DIFF_CELLS = 4_000_000;

export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

/**
 * For each word of `a` and of `b`, whether it is outside a longest common subsequence of the two
 * (removed from `a`, added in `b`).
 */
export function diffWords(a: readonly string[], b: readonly string[]): { removed: boolean[]; added: boolean[] } {
  const removed = a.map(() => true);
  const added = b.map(() => true);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    removed[head] = added[head] = false;
    head++;
  }
  let tailA = a.length;
  let tailB = b.length;
  while (tailA > head && tailB > head && a[tailA - 1] === b[tailB - 1]) {
    removed[--tailA] = false;
    added[--tailB] = false;
  }
  const n = tailA - head;
  const m = tailB - head;
  if (n === 0 || m === 0 || n * m > MAX_DIFF_CELLS) return { removed, added };

  // lcs[i][j]: length of the longest common subsequence of a[head+i..tailA) and b[head+j..tailB).
  const width = m + 1;
  const lcs = n < 65_535 && m < 65_535 ? new Uint16Array((n + 1) * width) : new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[head + i] === b[head + j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[head + i] === b[head + j]) {
      removed[head + i++] = false;
      added[head + j++] = false;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) i++;
    else j++;
  }
  return { removed, added };
}

/** The prompt cut into runs, a run changed when its words are flagged; the runs join back to `text`. */
function toParts(text: string, tokens: Token[], changed: readonly boolean[]): DiffPart[] {
  const parts: DiffPart[] = [];
  const push = (piece: string, isChanged: boolean) => {
    if (!piece) return;
    const last = parts.at(-1);
    if (last && last.changed === isChanged) last.text += piece;
    else parts.push({ text: piece, changed: isChanged });
  };
  let at = 0;
  tokens.forEach((token, k) => {
    // The space between two changed words belongs to the change, so "red fox" reads as one run.
    push(text.slice(at, token.start), Boolean(changed[k] && changed[k - 1]));
    push(text.slice(token.start, token.end), Boolean(changed[k]));
    at = token.end;
  });
  push(text.slice(at), false);
  return parts;
}

/**
 * One prompt against several others (the compare view's A against B, C, D): each other prompt with
 * the words it adds to `base`, and `base` with the words that at least one of them lacks.
 */
export function diffPrompts(base: string, others: readonly string[]): { base: DiffPart[]; others: DiffPart[][] } {
  const baseTokens = tokenize(base);
  const baseWords = baseTokens.map((t) => t.word);
  const removedAnywhere = baseWords.map(() => false);
  const diffed = others.map((other) => {
    const tokens = tokenize(other);
    const { removed, added } = diffWords(
      baseWords,
      tokens.map((t) => t.word),
    );
    removed.forEach((r, k) => (removedAnywhere[k] ||= r));
    return toParts(other, tokens, added);
  });
  return { base: toParts(base, baseTokens, removedAnywhere), others: diffed };
}
