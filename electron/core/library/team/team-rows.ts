/**
 * Team rows → the contract's `Generation`, through the same mapping as the embedded store
 * (db/generation-row.ts `toGeneration`): one place knows what a row means.
 */
import type pg from 'pg';
import type { EmbeddedRecord, Generation } from '../../../../shared/types';
import { toGeneration, type GenerationRow, type RowDetails } from '../db/generation-row';
import { recordOfRow } from '../edits/row-to-record';
import { TEAM_GENERATION_COLUMNS } from './team-gallery';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export async function loadTeamDetails(db: Queryable, ids: readonly string[]): Promise<RowDetails> {
  const tags = new Map<string, string[]>();
  const inputs = new Map<string, string[]>();
  if (ids.length === 0) return { tags, inputs };
  // ORDER BY lower(tag), tag: SQLite's NOCASE order of the embedded store's `ORDER BY tag`.
  const tagRows = await db.query<{ generation_id: string; tag: string }>(
    'SELECT generation_id, tag FROM generation_tags WHERE generation_id = ANY($1) ORDER BY lower(tag), tag',
    [ids],
  );
  for (const row of tagRows.rows) push(tags, row.generation_id, row.tag);
  const inputRows = await db.query<{ generation_id: string; hash: string }>(
    'SELECT generation_id, hash FROM generation_inputs WHERE generation_id = ANY($1) ORDER BY slot',
    [ids],
  );
  for (const row of inputRows.rows) push(inputs, row.generation_id, row.hash);
  return { tags, inputs };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function toTeamGenerations(
  db: Queryable,
  rows: readonly GenerationRow[],
  assetUrl: (relativePath: string) => string,
): Promise<Generation[]> {
  const details = await loadTeamDetails(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toGeneration(row, details, assetUrl));
}

export async function selectTeamRows(db: Queryable, ids: readonly string[]): Promise<GenerationRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<GenerationRow>(
    `SELECT ${TEAM_GENERATION_COLUMNS} FROM generations g WHERE g.id = ANY($1)`,
    [ids],
  );
  return rows;
}

/** The record a team row says its file should carry (write-back, export): its tags, inputs and project name. */
export async function teamRecordOf(db: Queryable, row: GenerationRow): Promise<EmbeddedRecord> {
  const details = await loadTeamDetails(db, [row.id]);
  const project =
    row.project_id === null
      ? null
      : ((await db.query<{ name: string }>('SELECT name FROM projects WHERE id = $1', [row.project_id])).rows[0]
          ?.name ?? null);
  return recordOfRow(row, details, project);
}
