/**
 * Row → embedded record: what the file should say now. Used by write-back (the person's later
 * choices go into the file) and by export (the manifest lists every record).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { EmbeddedRecord } from '../../../../shared/types';
import { imageFields, loadDetails, type GenerationRow, type RowDetails } from '../db/generation-row';
import { projectName } from './projects';

export const RECORD_VERSION = 1;

/** The record for a row, built from the index alone (when a file has no readable record). */
export function recordFromRow(db: DatabaseSync, row: GenerationRow): EmbeddedRecord {
  return recordOfRow(row, loadDetails(db, [row.id]), projectName(db, row.project_id));
}

/** The same from what was read already (any store): the row, its tags and inputs, its project's name. */
export function recordOfRow(row: GenerationRow, details: RowDetails, project: string | null): EmbeddedRecord {
  return {
    version: RECORD_VERSION,
    id: row.id,
    ...imageFields(row, details),
    taskId: row.task_id,
    cost: row.cost,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    finishedAt: row.finished_at,
    projectName: project,
    favorite: row.favorite === 1,
    rating: row.rating,
    tags: details.tags.get(row.id) ?? [],
  };
}

/**
 * The file's own record with the person's current choices (project, favourite, rating, tags)
 * from the index laid over it; everything else stays as the file says.
 */
export function withPersonFields(
  db: DatabaseSync,
  row: GenerationRow,
  fileRecord: EmbeddedRecord | null,
): EmbeddedRecord {
  return overlayPersonFields(recordFromRow(db, row), fileRecord);
}

/** The file's record (or, without one, the row's) with the person's choices from `fromRow`. */
export function overlayPersonFields(fromRow: EmbeddedRecord, fileRecord: EmbeddedRecord | null): EmbeddedRecord {
  if (!fileRecord) return fromRow;
  return {
    ...fileRecord,
    projectName: fromRow.projectName,
    favorite: fromRow.favorite,
    rating: fromRow.rating,
    tags: fromRow.tags,
  };
}

/** True when the file already says what the index says about the person's choices. */
export function personFieldsMatch(a: EmbeddedRecord, b: EmbeddedRecord): boolean {
  return (
    a.projectName === b.projectName &&
    a.favorite === b.favorite &&
    a.rating === b.rating &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, i) => tag === b.tags[i])
  );
}
