/**
 * The one shape every reader of another tool's metadata returns, and the one input they share:
 * the file's containers are walked once (text chunks, EXIF UserComment, XMP) and each reader
 * looks only at the keys its tool writes.
 */
import type { XmpProperty } from '../xmp';

export type ForeignTool = 'automatic1111' | 'comfyui' | 'invokeai' | 'fooocus' | 'xmp';

export interface ForeignRecord {
  tool: ForeignTool;
  prompt: string;
  negativePrompt: string | null;
  /** Null when absent or beyond 2^53 (ComfyUI seeds reach 2^64; the exact text stays in `parameters`). */
  seed: number | null;
  width: number | null;
  height: number | null;
  /** The checkpoint or model name as the tool wrote it. */
  model: string | null;
  /** Sampler, steps, guidance and the like, under the tool's own names. */
  parameters: Record<string, string | number>;
  /** The text the tool wrote, verbatim. */
  original: string;
  /** ComfyUI's UI workflow, whole. */
  workflow?: string;
  tags: string[];
  /** 0..5 when the file states one (XMP), else null. */
  rating: number | null;
}

export interface FoundMetadata {
  /** PNG text chunks by keyword; the first chunk of a keyword wins. */
  texts: ReadonlyMap<string, string>;
  /** The EXIF UserComment of a JPEG or WebP, decoded. */
  userComment: string | null;
  xmp: readonly XmpProperty[];
}

export type ForeignReader = (found: FoundMetadata) => ForeignRecord | null;

/** A record with nothing but the tool and its text; readers fill in what they find. */
export function emptyRecord(tool: ForeignTool, original: string): ForeignRecord {
  return {
    tool,
    prompt: '',
    negativePrompt: null,
    seed: null,
    width: null,
    height: null,
    model: null,
    parameters: {},
    original,
    tags: [],
    rating: null,
  };
}

/** A whole number from a JSON value or text, or null; seeds beyond 2^53 would be silently wrong. */
export function wholeNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

export function positiveSize(value: unknown): number | null {
  const n = wholeNumber(value);
  return n !== null && n > 0 && n <= 1_000_000 ? n : null;
}

/** A JSON object, or null for anything else (invalid JSON, arrays, primitives). */
export function jsonObject(text: string | undefined | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function isRecordObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Copies scalar settings into `parameters`, skipping what is not a finite number or a string. */
export function setParameter(record: ForeignRecord, name: string, value: unknown): void {
  if (typeof value === 'string' && value !== '') record.parameters[name] = value.slice(0, 1000);
  else if (typeof value === 'number' && Number.isFinite(value)) record.parameters[name] = value;
}
