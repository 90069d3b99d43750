/**
 * A gallery tile as the page query reads it: the `tile` column (schema v7), one JSON array of
 * TILE_COLUMNS per row, parsed once and turned straight into the `GalleryItem` the page sends.
 * This is the one mapping from a row's columns to a `GalleryItem`: a whole row (`toGalleryItem`,
 * for records and the team store) goes through `tileOf` to the same function.
 *
 * Why arrays and no row objects on the way: a search page turned 200 rows into GalleryItems, and
 * each intermediate object per row was measurable beside the raw FTS5 query
 * (docs/performance.md, "A search page against the raw FTS5 query").
 */
import type { GalleryItem, OutputFormat } from '../../../../shared/types';
import { thumbLocation, trashedLocation } from '../files/library-paths';
import type { GalleryRow } from './generation-row';

/** A row's tile: its values in the order of schema v7's TILE_COLUMNS (`tileOf` and the SQL column agree). */
export type Tile = [
  seq: number,
  id: string,
  projectId: string | null,
  model: string,
  prompt: string,
  seed: number | null,
  width: number | null,
  height: number | null,
  format: string,
  createdAt: string,
  file: string,
  favorite: number,
  rating: number,
  trashedAt: string | null,
  missing: number,
  sourceTool: string | null,
  sourceName: string | null,
];

/** What a gallery page selects of each row (`preparedArrays`: each row an array of this one value). */
export const TILE_COLUMN = 'g.tile';

/** A row read as `[tile]`, its JSON parsed: SQLite wrote it from the row's own columns. */
export function parseTile(values: readonly unknown[]): Tile {
  return JSON.parse(values[0] as string) as Tile;
}

/** Its seq and rating: the page cursor's key. */
export const tileSeq = (tile: Tile): number => tile[0];
export const tileRating = (tile: Tile): number => tile[12];

/** A whole row's tile, the same values the `tile` column holds (the migration tests compare them). */
export function tileOf(row: GalleryRow): Tile {
  return [
    row.seq,
    row.id,
    row.project_id,
    row.model,
    row.prompt,
    row.seed,
    row.width,
    row.height,
    row.format,
    row.created_at,
    row.file,
    row.favorite,
    row.rating,
    row.trashed_at,
    row.missing,
    row.source_tool,
    row.source_name,
  ];
}

/** Where an image file sits now: its home, or under `trash/` while trashed. */
export function fileNow(file: string, trashedAt: string | null): string {
  return trashedAt === null ? file : trashedLocation(file);
}

/** A gallery tile's fields; `toGeneration` builds on it (through `toGalleryItem`), so the two never disagree. */
export function galleryItemOf(tile: Tile, assetUrl: (relativePath: string) => string): GalleryItem {
  const trashed = tile[13] !== null;
  const file = fileNow(tile[10], tile[13]);
  const item: GalleryItem = {
    id: tile[1],
    projectId: tile[2],
    model: tile[3],
    prompt: tile[4],
    seed: tile[5],
    width: tile[6],
    height: tile[7],
    format: tile[8] as OutputFormat,
    createdAt: tile[9],
    favorite: tile[11] === 1,
    rating: tile[12],
    file,
    missing: tile[14] === 1,
    trashed,
    imageUrl: assetUrl(file),
    thumbUrl: assetUrl(thumbLocation(tile[1], trashed)),
  };
  // Added after the literal rather than spread into it: a spread is a runtime call per tile.
  const tool = tile[15];
  if (typeof tool === 'string') item.source = { tool, fileName: tile[16] ?? null };
  return item;
}
