/**
 * Writing generation rows: the one upsert every path that indexes a file goes through (a new
 * download, reconcile, rebuild, import), so the row always says what the file's record says.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { EmbeddedRecord, OutputFormat, RecordSource, SourceDetails } from '../../../../shared/types';
import { prepared } from './statements';

export interface FileFacts {
  /** Home location relative to the library folder (`images/…`), also while trashed. */
  file: string;
  format: OutputFormat;
  bytes: number;
  mtimeMs: number;
  sha256: string;
}

export interface SaveGeneration {
  record: EmbeddedRecord;
  file: FileFacts;
  jobId: string | null;
  projectId: string | null;
  trashedAt: string | null;
  /** When the thumbnail was made, or null when it still has to be. */
  thumbMadeAt: string | null;
}

/** ISO-8601 UTC, so created_at sorts the same as text and as time. */
export function normalizeTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ').slice(0, 200);
    if (tag && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return [...seen.values()];
}

/**
 * The row's values from id to trashed_at, in column order: what both stores' upserts write
 * (team-upsert.ts too), so the record → row rules live here only.
 */
export function rowValues(args: SaveGeneration, createdAt: string): (string | number | null)[] {
  const { record, file } = args;
  return [
    record.id,
    args.jobId,
    record.taskId,
    args.projectId,
    record.model,
    record.prompt,
    record.upsampledPrompt,
    record.seed,
    record.width,
    record.height,
    file.format,
    JSON.stringify(record.params ?? {}),
    record.cost,
    createdAt,
    normalizeTime(record.submittedAt),
    normalizeTime(record.finishedAt),
    file.file,
    file.bytes,
    Math.round(file.mtimeMs),
    file.sha256,
    record.favorite ? 1 : 0,
    clampRating(record.rating),
    args.trashedAt,
  ];
}

/** source_tool, source_name, source_sha256, source_json: where an imported image came from. */
export function sourceValues(source: RecordSource | undefined): (string | null)[] {
  return [source?.tool ?? null, source?.fileName ?? null, source?.sha256 ?? null, sourceDetailsJson(source)];
}

/** The columns of `rowValues`, in its order. */
const ROW_VALUE_COLUMNS = [
  'id',
  'job_id',
  'task_id',
  'project_id',
  'model',
  'prompt',
  'upsampled_prompt',
  'seed',
  'width',
  'height',
  'format',
  'params',
  'cost',
  'created_at',
  'submitted_at',
  'finished_at',
  'file',
  'file_bytes',
  'file_mtime_ms',
  'sha256',
  'favorite',
  'rating',
  'trashed_at',
] as const;

/** The columns of `sourceValues`, in its order. */
const SOURCE_COLUMNS = ['source_tool', 'source_name', 'source_sha256', 'source_json'] as const;

/** A column only one store writes, after the shared ones, and what an existing row keeps of it. */
export interface UpsertColumn {
  column: string;
  onConflict: string;
}

/**
 * Both stores' insert-or-replace of a generation row, in the placeholder style of each SQL
 * dialect. Values go in this order: `rowValues`, the seq, `sourceValues`, then `extra`'s. An
 * existing row takes the record's values, keeps a job id the record lacks, and is no longer
 * missing (its file was just read).
 */
export function generationUpsertSql(placeholder: (position: number) => string, extra: readonly UpsertColumn[]): string {
  const shared = [...ROW_VALUE_COLUMNS, 'seq', ...SOURCE_COLUMNS];
  const valued = [...shared, ...extra.map((e) => e.column)];
  const replaced = shared
    .filter((column) => column !== 'id')
    .map((column) =>
      column === 'job_id' ? 'job_id = coalesce(excluded.job_id, generations.job_id)' : `${column} = excluded.${column}`,
    );
  return `INSERT INTO generations (${[...valued, 'missing'].join(', ')})
     VALUES (${[...valued.map((_, i) => placeholder(i + 1)), '0'].join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${[...replaced, 'missing = 0', ...extra.map((e) => `${e.column} = ${e.onConflict}`)].join(', ')}`;
}

/** The embedded store's upsert: it also keeps the time a thumbnail was made (the team's are per workstation). */
const UPSERT_SQL = generationUpsertSql(
  () => '?',
  [{ column: 'thumb_made_at', onConflict: 'coalesce(excluded.thumb_made_at, generations.thumb_made_at)' }],
);

/** Inserts or replaces the row for `record.id` with its inputs and tags. Run inside a transaction. */
export function saveGeneration(db: DatabaseSync, args: SaveGeneration): void {
  const { record, file } = args;
  const createdAt = normalizeTime(record.createdAt) ?? new Date(file.mtimeMs).toISOString();
  prepared(db, UPSERT_SQL).run(
    ...rowValues(args, createdAt),
    seqFor(db, record.id, createdAt),
    ...sourceValues(record.source),
    args.thumbMadeAt,
  );
  replaceInputs(db, record.id, record.inputs ?? []);
  replaceTags(db, record.id, record.tags ?? []);
}

/**
 * The row's place in the gallery order: creation ms × 1024 plus the next free tie-breaker in
 * that millisecond. A row keeps its seq while its creation time stays the same.
 */
export function seqFor(db: DatabaseSync, id: string, createdAt: string): number {
  const existing = prepared(db, 'SELECT seq, created_at FROM generations WHERE id = ?').get(id) as
    { seq: number | null; created_at: string } | undefined;
  if (existing && existing.seq !== null && existing.created_at === createdAt) return existing.seq;
  const base = Date.parse(createdAt) * SEQ_SLOTS;
  const taken = prepared(db, 'SELECT max(seq) AS top FROM generations WHERE seq >= ? AND seq < ?').get(
    base,
    base + SEQ_SLOTS,
  ) as {
    top: number | null;
  };
  return taken.top === null ? base : taken.top + 1;
}

export const SEQ_SLOTS = 1024;

/** What the detail view shows of an imported image's source; a ComfyUI workflow stays in the file. */
export function sourceDetailsJson(source: RecordSource | undefined): string | null {
  if (!source) return null;
  const details: SourceDetails = { tool: source.tool, hasWorkflow: source.workflow !== undefined };
  if (source.fileName !== undefined) details.fileName = source.fileName;
  if (source.original !== undefined) details.original = source.original;
  if (source.parameters !== undefined) details.parameters = source.parameters;
  return JSON.stringify(details);
}

export function clampRating(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.min(5, Math.round(value))) : 0;
}

function replaceInputs(db: DatabaseSync, id: string, inputs: readonly string[]): void {
  const current = prepared(db, 'SELECT hash FROM generation_inputs WHERE generation_id = ? ORDER BY slot').all(id) as {
    hash: string;
  }[];
  if (current.length === inputs.length && current.every((row, i) => row.hash === inputs[i])) return;
  prepared(db, 'DELETE FROM generation_inputs WHERE generation_id = ?').run(id);
  const insert = prepared(db, 'INSERT INTO generation_inputs (generation_id, slot, hash) VALUES (?, ?, ?)');
  inputs.forEach((hash, slot) => insert.run(id, slot, hash));
}

/** Sets a generation's tags to exactly `tags` (touching only what changed, so FTS triggers stay cheap). */
export function replaceTags(db: DatabaseSync, id: string, tags: readonly string[]): void {
  const wanted = cleanTags(tags);
  const current = (
    prepared(db, 'SELECT tag FROM generation_tags WHERE generation_id = ?').all(id) as { tag: string }[]
  ).map((row) => row.tag);
  const wantedLower = new Set(wanted.map((tag) => tag.toLowerCase()));
  const currentLower = new Set(current.map((tag) => tag.toLowerCase()));
  const remove = prepared(db, 'DELETE FROM generation_tags WHERE generation_id = ? AND tag = ?');
  for (const tag of current) if (!wantedLower.has(tag.toLowerCase())) remove.run(id, tag);
  const insert = prepared(db, 'INSERT OR IGNORE INTO generation_tags (generation_id, tag) VALUES (?, ?)');
  for (const tag of wanted) if (!currentLower.has(tag.toLowerCase())) insert.run(id, tag);
}
