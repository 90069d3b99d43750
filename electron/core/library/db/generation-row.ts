/**
 * The `generations` row and its mapping to the contract's `Generation`: one place that knows
 * column names, JSON columns, 0/1 booleans and where a trashed file currently sits.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { GalleryItem, Generation, OutputFormat } from '../../../../shared/types';
import { thumbLocation } from '../files/library-paths';
import { fileNow, galleryItemOf, tileOf } from './gallery-tile';
import { TILE_COLUMNS } from './schema-v7';
import { prepared } from './statements';

export interface GenerationRow {
  id: string;
  job_id: string | null;
  task_id: string | null;
  project_id: string | null;
  model: string;
  prompt: string;
  upsampled_prompt: string | null;
  seed: number | null;
  width: number | null;
  height: number | null;
  format: string;
  params: string;
  cost: number | null;
  created_at: string;
  submitted_at: string | null;
  finished_at: string | null;
  file: string;
  file_bytes: number | null;
  file_mtime_ms: number | null;
  sha256: string | null;
  seq: number;
  favorite: number;
  rating: number;
  trashed_at: string | null;
  missing: number;
  thumb_made_at: string | null;
  record_dirty: number;
  source_tool: string | null;
  source_name: string | null;
}

/** Every column of a generation row, embedded and team alike (team-gallery.ts reads the same). */
export const GENERATION_COLUMN_NAMES = [
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
  'seq',
  'favorite',
  'rating',
  'trashed_at',
  'missing',
  'thumb_made_at',
  'record_dirty',
  'source_tool',
  'source_name',
] as const;

export const GENERATION_COLUMNS = GENERATION_COLUMN_NAMES.map((column) => `g.${column}`).join(', ');

/**
 * The columns a `GalleryItem` is made from (and the page cursor: seq, rating): the tile's, which
 * schema v7 keeps as one JSON value in that order.
 */
export const GALLERY_COLUMN_NAMES = TILE_COLUMNS satisfies readonly (keyof GenerationRow)[];

export type GalleryRow = Pick<GenerationRow, (typeof GALLERY_COLUMN_NAMES)[number]>;

/** The columns a whole `Generation` is made from: a gallery item's and the recipe's (the rest are bookkeeping). */
export type ItemRow = GalleryRow & Pick<GenerationRow, 'job_id' | 'task_id' | 'upsampled_prompt' | 'params' | 'cost'>;

/** Tags and reference hashes of a set of rows, fetched in one query each. */
export interface RowDetails {
  tags: Map<string, string[]>;
  inputs: Map<string, string[]>;
}

const CHUNK = 500;

export function loadDetails(db: DatabaseSync, ids: readonly string[]): RowDetails {
  const tags = new Map<string, string[]>();
  const inputs = new Map<string, string[]>();
  if (ids.length === 0) return { tags, inputs };
  // The ids as one JSON parameter: one cached statement for any number of rows.
  const list = JSON.stringify(ids);
  const tagRows = prepared(
    db,
    'SELECT generation_id, tag FROM generation_tags WHERE generation_id IN (SELECT value FROM json_each(?)) ORDER BY tag',
  ).all(list) as { generation_id: string; tag: string }[];
  for (const row of tagRows) push(tags, row.generation_id, row.tag);
  const inputRows = prepared(
    db,
    'SELECT generation_id, hash FROM generation_inputs WHERE generation_id IN (SELECT value FROM json_each(?)) ORDER BY slot',
  ).all(list) as { generation_id: string; hash: string }[];
  for (const row of inputRows) push(inputs, row.generation_id, row.hash);
  return { tags, inputs };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Where the image file sits now: its home, or under `trash/` while trashed. */
export function currentFile(row: Pick<GenerationRow, 'file' | 'trashed_at'>): string {
  return fileNow(row.file, row.trashed_at);
}

export function currentThumb(row: Pick<GenerationRow, 'id' | 'trashed_at'>): string {
  return thumbLocation(row.id, row.trashed_at !== null);
}

export function parseParams(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What was asked for and what came back: carried alike by a `Generation` and an embedded record. */
export type ImageFields = Pick<
  Generation,
  'model' | 'prompt' | 'upsampledPrompt' | 'seed' | 'width' | 'height' | 'format' | 'params' | 'inputs'
>;

/** One mapping of those fields, so the library view and the file's record never drift apart. */
export function imageFields(row: ItemRow, details: RowDetails): ImageFields {
  return {
    model: row.model,
    prompt: row.prompt,
    upsampledPrompt: row.upsampled_prompt,
    seed: row.seed,
    width: row.width,
    height: row.height,
    format: row.format as OutputFormat,
    params: parseParams(row.params),
    inputs: details.inputs.get(row.id) ?? [],
  };
}

/** A row's gallery tile fields, by the one mapping the gallery pages use; `toGeneration` builds on it. */
export function toGalleryItem(row: GalleryRow, assetUrl: (relativePath: string) => string): GalleryItem {
  return galleryItemOf(tileOf(row), assetUrl);
}

export function toGeneration(
  row: ItemRow,
  details: RowDetails,
  assetUrl: (relativePath: string) => string,
): Generation {
  return {
    ...toGalleryItem(row, assetUrl),
    jobId: row.job_id,
    taskId: row.task_id,
    ...imageFields(row, details),
    cost: row.cost,
    tags: details.tags.get(row.id) ?? [],
  };
}

/** Rows → Generations with their tags and inputs, keeping the rows' order. */
export function toGenerations(
  db: DatabaseSync,
  rows: readonly GenerationRow[],
  assetUrl: (relativePath: string) => string,
): Generation[] {
  const details = loadDetails(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toGeneration(row, details, assetUrl));
}

/** One generation's row by id, trashed or not. */
export function findGenerationRow(db: DatabaseSync, id: string): GenerationRow | undefined {
  return prepared(db, `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.id = ?`).get(id) as
    GenerationRow | undefined;
}

export function selectRows(db: DatabaseSync, ids: readonly string[]): GenerationRow[] {
  const rows: GenerationRow[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK) as SQLInputValue[];
    const marks = chunk.map(() => '?').join(',');
    rows.push(
      ...(db
        .prepare(`SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.id IN (${marks})`)
        .all(...chunk) as unknown as GenerationRow[]),
    );
  }
  return rows;
}
