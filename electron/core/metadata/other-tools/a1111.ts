/**
 * AUTOMATIC1111 / Forge / SD.Next "parameters" text: the prompt, an optional line starting with
 * `Negative prompt:`, and a last line of `Key: value` pairs (`Steps: 20, Sampler: Euler a,
 * CFG scale: 7, Seed: 1, Size: 512x512, Model: name, …`). Parsed as A1111's own
 * `parse_generation_parameters` does (modules/infotext_utils.py).
 */
import type { ForeignRecord, ForeignReader, ForeignTool } from './types';
import { emptyRecord, positiveSize, setParameter, wholeNumber } from './types';

/** Sticky (`y`), unlike A1111's `findall`: each pair must start where the last ended, so a long
 * line that is not a settings line fails once instead of being rescanned from every offset
 * (which is quadratic: minutes for a hostile 2 MB line). */
const PARAM = /\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/y;

function settings(line: string): [string, string][] {
  const pairs: [string, string][] = [];
  PARAM.lastIndex = 0;
  for (let match = PARAM.exec(line); match !== null && match[0] !== ''; match = PARAM.exec(line)) {
    const key = match[1]?.trim();
    let value = match[2]?.trim() ?? '';
    if (!key) continue;
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      try {
        const parsed: unknown = JSON.parse(value);
        if (typeof parsed === 'string') value = parsed;
      } catch {
        value = value.slice(1, -1);
      }
    }
    pairs.push([key, value]);
  }
  return pairs;
}

/** Parses the text; null when it has neither a settings line nor a negative prompt (plain text). */
export function parseA1111(text: string, tool: ForeignTool = 'automatic1111'): ForeignRecord | null {
  const lines = text.trim().split('\n');
  let last = lines.pop() ?? '';
  let pairs = settings(last);
  if (pairs.length < 3) {
    lines.push(last);
    last = '';
    pairs = [];
  }
  const prompt: string[] = [];
  const negative: string[] = [];
  let inNegative = false;
  for (const raw of lines) {
    let line = raw.trim();
    if (line.startsWith('Negative prompt:')) {
      inNegative = true;
      line = line.slice('Negative prompt:'.length).trim();
    }
    (inNegative ? negative : prompt).push(line);
  }
  if (pairs.length === 0 && !inNegative) return null;
  const record = emptyRecord(tool, text);
  record.prompt = prompt.join('\n');
  record.negativePrompt = inNegative ? negative.join('\n') : null;
  for (const [key, value] of pairs) {
    if (key === 'Seed') {
      record.seed = wholeNumber(value);
      if (record.seed === null) setParameter(record, key, value);
    } else if (key === 'Size') {
      const [w, h] = value.split('x');
      record.width = positiveSize(w);
      record.height = positiveSize(h);
    } else if (key === 'Model') {
      record.model = value || null;
    } else {
      const n = Number(value);
      setParameter(record, key, value !== '' && Number.isFinite(n) ? n : value);
    }
  }
  return record;
}

/** PNG `parameters` chunk, or the EXIF UserComment of a JPEG/WebP. Fooocus's A1111-style text
 * is left to the Fooocus reader (it writes a `fooocus_scheme` chunk beside it). */
export const readA1111: ForeignReader = (found) => {
  if (found.texts.has('fooocus_scheme')) return null;
  const text = found.texts.get('parameters') ?? found.userComment;
  if (!text || text.trimStart().startsWith('{')) return null;
  return parseA1111(text);
};
