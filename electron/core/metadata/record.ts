/**
 * A Seedbank record ⇄ XMP properties. Standard properties carry what other apps understand
 * (description, date, rating, keywords); the Seedbank namespace carries the rest. Reading is
 * forgiving: a file edited by another tool may lack optional fields, and those get defaults.
 */
import type { EmbeddedRecord, OutputFormat, RecordSource } from '../../../shared/types';
import { findProperty, isXmlSafe, NS, toXmlSafe } from './xmp';
import type { XmpProperty, XmpValue } from './xmp';

const FORMATS: readonly OutputFormat[] = ['jpeg', 'png', 'webp'];

/** Fields whose text may hold characters XML 1.0 cannot carry (control characters, lone
 * surrogates). The XMP then shows a cleaned copy and `seedbank:Verbatim` keeps the exact value. */
const TEXT_FIELDS = [
  'id',
  'model',
  'prompt',
  'upsampledPrompt',
  'taskId',
  'createdAt',
  'submittedAt',
  'finishedAt',
  'projectName',
] as const;
const LIST_FIELDS = ['inputs', 'tags'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type ListField = (typeof LIST_FIELDS)[number];

const clean = toXmlSafe;

/** JSON that is always valid XML text: JSON already escapes controls and lone surrogates. */
function xmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** `String(-0)` is "0"; keep the sign so a round trip is exact. */
function formatNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

const text = (name: string, value: string): XmpProperty => ({
  ns: NS.seedbank,
  name,
  value: { kind: 'text', text: clean(value) },
});

export function recordToXmp(record: EmbeddedRecord, creatorTool: string): XmpProperty[] {
  const props: XmpProperty[] = [
    { ns: NS.dc, name: 'description', value: { kind: 'alt', text: clean(record.prompt) } },
    { ns: NS.xmp, name: 'CreateDate', value: { kind: 'text', text: clean(record.createdAt) } },
    { ns: NS.xmp, name: 'CreatorTool', value: { kind: 'text', text: clean(creatorTool) } },
    { ns: NS.xmp, name: 'Rating', value: { kind: 'text', text: String(record.rating) } },
  ];
  if (record.tags.length > 0)
    props.push({ ns: NS.dc, name: 'subject', value: { kind: 'bag', items: record.tags.map(clean) } });
  props.push(text('Id', record.id), text('Version', formatNumber(record.version)), text('Model', record.model));
  if (record.upsampledPrompt !== null) props.push(text('UpsampledPrompt', record.upsampledPrompt));
  for (const [name, value] of [
    ['Seed', record.seed],
    ['Width', record.width],
    ['Height', record.height],
    ['Cost', record.cost],
  ] as const) {
    if (value !== null) props.push(text(name, formatNumber(value)));
  }
  props.push(text('Format', record.format), text('Params', xmlSafeJson(record.params)));
  props.push({ ns: NS.seedbank, name: 'Inputs', value: { kind: 'seq', items: record.inputs.map(clean) } });
  for (const [name, value] of [
    ['TaskId', record.taskId],
    ['SubmittedAt', record.submittedAt],
    ['FinishedAt', record.finishedAt],
    ['ProjectName', record.projectName],
  ] as const) {
    if (value !== null) props.push(text(name, value));
  }
  props.push(text('Favorite', record.favorite ? 'True' : 'False'));
  if (record.notes) props.push(text('Notes', record.notes));
  // JSON keeps the other tool's text exact (JSON escapes what XML cannot hold).
  if (record.source)
    props.push({ ns: NS.seedbank, name: 'Source', value: { kind: 'text', text: xmlSafeJson(record.source) } });

  const verbatim: Partial<Record<TextField | ListField, unknown>> = {};
  for (const field of TEXT_FIELDS) {
    const value = record[field];
    if (value !== null && !isXmlSafe(value)) verbatim[field] = value;
  }
  for (const field of LIST_FIELDS) if (!record[field].every(isXmlSafe)) verbatim[field] = record[field];
  if (Object.keys(verbatim).length > 0) props.push(text('Verbatim', xmlSafeJson(verbatim)));
  return props;
}

function textOf(value: XmpValue | undefined): string | null {
  if (!value) return null;
  if (value.kind === 'text' || value.kind === 'alt') return value.text;
  return value.items.join(', ');
}

function listOf(value: XmpValue | undefined): string[] {
  if (!value) return [];
  if (value.kind === 'bag' || value.kind === 'seq') return value.items;
  return value.text === '' ? [] : [value.text];
}

function numberOf(value: XmpValue | undefined): number | null {
  const raw = textOf(value)?.trim();
  if (!raw) return null;
  const parsed = Number(raw);
  return Number.isFinite(parsed) ? parsed : null;
}

function jsonObject(raw: string | null): Record<string, unknown> | null {
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The record the properties describe, or null when they hold no Seedbank record (no id, model
 * or creation date). `containerFormat` stands in when the format property is missing.
 */
export function recordFromXmp(props: readonly XmpProperty[], containerFormat: OutputFormat): EmbeddedRecord | null {
  const get = (ns: string, name: string): XmpValue | undefined => findProperty(props, ns, name);
  const sb = (name: string): string | null => textOf(get(NS.seedbank, name));
  const id = sb('Id');
  const model = sb('Model');
  const createdAt = textOf(get(NS.xmp, 'CreateDate'));
  if (!id || model === null || !createdAt) return null;

  const format = sb('Format');
  const rating = numberOf(get(NS.xmp, 'Rating')) ?? 0;
  const record: EmbeddedRecord = {
    version: numberOf(get(NS.seedbank, 'Version')) ?? 1,
    id,
    model,
    prompt: textOf(get(NS.dc, 'description')) ?? '',
    upsampledPrompt: sb('UpsampledPrompt'),
    seed: numberOf(get(NS.seedbank, 'Seed')),
    width: numberOf(get(NS.seedbank, 'Width')),
    height: numberOf(get(NS.seedbank, 'Height')),
    format: FORMATS.find((f) => f === format) ?? containerFormat,
    params: jsonObject(sb('Params')) ?? {},
    inputs: listOf(get(NS.seedbank, 'Inputs')),
    taskId: sb('TaskId'),
    cost: numberOf(get(NS.seedbank, 'Cost')),
    createdAt,
    submittedAt: sb('SubmittedAt'),
    finishedAt: sb('FinishedAt'),
    projectName: sb('ProjectName'),
    favorite: /^(true|1)$/i.test(sb('Favorite')?.trim() ?? ''),
    // Other tools use -1 for "rejected" and may write fractions; the library knows 0..5.
    rating: Math.min(5, Math.max(0, Math.round(rating))),
    tags: listOf(get(NS.dc, 'subject')),
  };
  const notes = sb('Notes');
  if (notes) record.notes = notes;
  const source = sourceOf(jsonObject(sb('Source')));
  if (source) record.source = source;
  applyVerbatim(record, jsonObject(sb('Verbatim')));
  return record;
}

/** Restores exact values, but only where the visible property still matches the cleaned copy:
 * if someone edited the field in another app since, their edit wins. */
function applyVerbatim(record: EmbeddedRecord, verbatim: Record<string, unknown> | null): void {
  if (!verbatim) return;
  for (const field of TEXT_FIELDS) {
    const exact = verbatim[field];
    if (typeof exact === 'string' && clean(exact) === record[field]) record[field] = exact;
  }
  for (const field of LIST_FIELDS) {
    const exact = verbatim[field];
    if (!Array.isArray(exact) || !exact.every((item): item is string => typeof item === 'string')) continue;
    const current = record[field];
    if (exact.length === current.length && exact.every((item, i) => clean(item) === current[i])) record[field] = exact;
  }
}

/** The source as written, keeping only fields of the expected types (the file may have been edited). */
function sourceOf(json: Record<string, unknown> | null): RecordSource | null {
  if (!json || typeof json.tool !== 'string') return null;
  const source: RecordSource = { tool: json.tool };
  for (const field of ['fileName', 'original', 'workflow', 'sha256'] as const) {
    const value = json[field];
    if (typeof value === 'string') source[field] = value;
  }
  const parameters = json.parameters;
  if (parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters)) {
    const kept: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(parameters)) {
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) kept[key] = value;
    }
    source.parameters = kept;
  }
  return source;
}
