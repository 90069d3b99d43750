/**
 * Export file names from a template such as `{date}-{prompt:40}-{seed}`: the one rule for the
 * CLI, the core and the export dialog's preview. Names come from prompts a person or another
 * tool wrote, so every name is made safe for every common file system (Windows, macOS, Linux):
 * no separators or reserved characters, no control characters, no reserved device names, no
 * trailing dot or space, at most 200 bytes before the extension. Two images that would get the
 * same name are numbered (`name-2.jpg`), compared without case as Windows and macOS do.
 */

/** The tokens a template may use; `prompt` takes an optional length (`{prompt:40}`). */
export const NAME_TOKENS = ['date', 'time', 'prompt', 'seed', 'model', 'id', 'project', 'rating'] as const;
export type NameToken = (typeof NAME_TOKENS)[number];

export const DEFAULT_NAME_TEMPLATE = '{date}-{prompt:40}-{seed}';
/** Longest name before the extension, in UTF-8 bytes (255 is the limit on ext4, APFS and NTFS). */
export const MAX_NAME_BYTES = 200;
const DEFAULT_PROMPT_LENGTH = 40;
const MAX_PROMPT_LENGTH = 200;

export interface NameFields {
  id: string;
  /** ISO 8601 time the image was made. */
  createdAt: string;
  prompt: string;
  seed: number | null;
  model: string;
  projectName: string | null;
  rating: number;
  /** An imported image's original file name: `{prompt}` falls back to it when there is no prompt. */
  fileName?: string | null | undefined;
}

type Part = { text: string } | { token: NameToken; length: number | null };

/** A template that cannot be used: `message` names the token or brace at fault. */
export class NameTemplateError extends Error {}

const TOKEN_PATTERN = /^([a-z]+)(?::(\d{1,3}))?$/;

/** Splits a template into literal text and tokens; throws NameTemplateError naming what is wrong. */
export function parseNameTemplate(template: string): Part[] {
  if (template.trim() === '') throw new NameTemplateError('The name template is empty');
  if (template.length > 500) throw new NameTemplateError('The name template is longer than 500 characters');
  const parts: Part[] = [];
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (close !== -1 && (open === -1 || close < open))
      throw new NameTemplateError('The name template has a "}" without its "{"');
    if (open === -1) {
      parts.push({ text: rest });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    const end = rest.indexOf('}', open);
    if (end === -1) throw new NameTemplateError('The name template has a "{" without its "}"');
    const inner = rest.slice(open + 1, end);
    const match = TOKEN_PATTERN.exec(inner);
    const token = match?.[1] as NameToken | undefined;
    if (!match || !token || !(NAME_TOKENS as readonly string[]).includes(token)) {
      throw new NameTemplateError(`Unknown token {${inner}} in the name template; use ${NAME_TOKENS.join(', ')}`);
    }
    const length = match[2] === undefined ? null : Number(match[2]);
    if (length !== null && token !== 'prompt')
      throw new NameTemplateError(`{${token}} takes no length; only {prompt:N} does`);
    if (length !== null && (length < 1 || length > MAX_PROMPT_LENGTH))
      throw new NameTemplateError(`{prompt:N} takes a length from 1 to ${MAX_PROMPT_LENGTH}`);
    parts.push({ token, length });
    rest = rest.slice(end + 1);
  }
  return parts;
}

/** The template's problem in words, or null when it can be used (for forms and schemas). */
export function nameTemplateProblem(template: string): string | null {
  try {
    parseNameTemplate(template);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function tokenValue(token: NameToken, length: number | null, fields: NameFields): string {
  switch (token) {
    case 'date':
      return fields.createdAt.slice(0, 10);
    case 'time':
      return fields.createdAt.slice(11, 19).replace(/:/g, '');
    case 'prompt': {
      const text = fields.prompt.trim() || (fields.fileName ?? '').replace(/\.[^.]*$/, '');
      // By characters (code points), not UTF-16 units: a cut never splits an emoji.
      return [...text.trim().replace(/\s+/g, ' ')].slice(0, length ?? DEFAULT_PROMPT_LENGTH).join('');
    }
    case 'seed':
      return fields.seed === null ? 'noseed' : String(fields.seed);
    case 'model':
      return fields.model;
    case 'id':
      return fields.id;
    case 'project':
      return fields.projectName ?? 'unsorted';
    case 'rating':
      return String(fields.rating);
  }
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Any text made safe as a file name (without extension) on Windows, macOS and Linux. */
export function sanitizeFileName(raw: string): string {
  let name = raw
    .normalize('NFC')
    // Separators, characters Windows reserves, and control characters.
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  name = truncateUtf8(name, MAX_NAME_BYTES);
  // Windows drops trailing dots and spaces; a leading dot hides the file elsewhere.
  name = name.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (name === '') return 'image';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return name;
}

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** The file name (without extension) a template gives one image. */
export function renderFileName(template: string, fields: NameFields): string {
  const parts = parseNameTemplate(template);
  const raw = parts.map((part) => ('text' in part ? part.text : tokenValue(part.token, part.length, fields))).join('');
  return sanitizeFileName(raw);
}

/**
 * Hands out names that do not collide with `taken` (lower-cased names already used in the
 * folder or by this export): `name.jpg`, then `name-2.jpg`, `name-3.jpg`, … Adds the one chosen.
 */
export function claimFileName(base: string, extension: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const name = `${n === 1 ? base : `${base}-${n}`}.${extension}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}
