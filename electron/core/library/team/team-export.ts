/**
 * Export from the team library: the export of this computer's library (maintenance/export.ts,
 * one code path for names, conversion, manifest and contact sheet) reading the team's rows and
 * the files in the shared folder. The caller flushes write-back first, so the copies say what the
 * index says.
 */
import type pg from 'pg';
import type { GenerationRow } from '../db/generation-row';
import type { ExportSource } from '../maintenance/export';
import { TEAM_GENERATION_COLUMNS } from './team-gallery';
import { selectTeamRows, teamRecordOf } from './team-rows';

type Queryable = Pick<pg.Pool, 'query'>;

export function teamExportSource(db: Queryable, folder: string): ExportSource {
  return {
    home: folder,
    rowsById: (ids) => selectTeamRows(db, ids),
    rowsOfProject: async (projectId) => {
      const { rows } = await db.query<GenerationRow>(
        `SELECT ${TEAM_GENERATION_COLUMNS} FROM generations g WHERE g.trashed_at IS NULL
           AND g.project_id IS NOT DISTINCT FROM $1::text ORDER BY g.created_at`,
        [projectId],
      );
      return rows;
    },
    projectNames: async () => {
      const { rows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM projects');
      return new Map(rows.map((row) => [row.id, row.name]));
    },
    recordOf: (row) => teamRecordOf(db, row),
  };
}
