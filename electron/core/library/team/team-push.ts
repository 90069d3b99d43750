/**
 * `seedbank library push`: a personal (embedded) library into a team library — rows and files.
 * Idempotent by generation id and resumable: an image whose row is in the team database and
 * whose file is in the shared folder is left alone, so a second run (or one after an
 * interruption) copies only what is missing and doubles nothing. Per image the file is copied
 * first (atomically) and the row written after, so an interruption between the two leaves a file
 * that the next run indexes, never a row without its file.
 *
 * The record indexed is the file's own (it carries what the index may not: an imported image's
 * source) with the person's choices from the personal index laid over it, as write-back does.
 * Thumbnails are not copied: each workstation makes its own.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import { readRecord } from '../../metadata';
import { currentFile, selectRows, type GenerationRow } from '../db/generation-row';
import { recordFromRow, withPersonFields } from '../edits/row-to-record';
import { absolutePath } from '../files/library-paths';
import type { OutputFormat } from '../../../../shared/types';
import { sharedFileSize, writeSharedFile } from './team-files';
import type { TeamLibraryStore } from './team-store';

export interface PushSource {
  db: DatabaseSync;
  /** The personal library's folder. */
  home: string;
}

export interface PushReport {
  total: number;
  pushed: number;
  /** Already in the team library (row and file): left alone. */
  alreadyThere: number;
  /** Not pushed, with why (a file gone from the personal library). */
  skipped: { id: string; reason: string }[];
}

const BATCH = 200;

export async function pushLibrary(
  source: PushSource,
  team: TeamLibraryStore,
  folder: string,
  onProgress: (report: PushReport) => void = () => undefined,
): Promise<PushReport> {
  const ids = (source.db.prepare('SELECT id FROM generations ORDER BY seq').all() as { id: string }[]).map(
    (row) => row.id,
  );
  return pushImages(source, team, folder, ids, onProgress);
}

/** The images `ids` of the personal library into the team library (same rules as `pushLibrary`). */
export async function pushImages(
  source: PushSource,
  team: TeamLibraryStore,
  folder: string,
  ids: readonly string[],
  onProgress: (report: PushReport) => void = () => undefined,
): Promise<PushReport> {
  const report: PushReport = { total: ids.length, pushed: 0, alreadyThere: 0, skipped: [] };
  for (let start = 0; start < ids.length; start += BATCH) {
    const rows = selectRows(source.db, ids.slice(start, start + BATCH));
    const present = await team.presentIds(rows.map((row) => row.id));
    for (const row of rows) {
      const outcome = await pushOne(source, team, folder, row, present.has(row.id));
      if (outcome === 'pushed') report.pushed += 1;
      else if (outcome === 'already') report.alreadyThere += 1;
      else report.skipped.push({ id: row.id, reason: outcome.skipped });
    }
    onProgress(report);
  }
  return report;
}

async function pushOne(
  source: PushSource,
  team: TeamLibraryStore,
  folder: string,
  row: GenerationRow,
  indexed: boolean,
): Promise<'pushed' | 'already' | { skipped: string }> {
  const relative = currentFile(row);
  if (indexed && (await sharedFileSize(folder, relative)) !== null) return 'already';
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(absolutePath(source.home, relative));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { skipped: `its file ${relative} is missing` };
    throw err;
  }
  const record = withPersonFields(source.db, row, readRecord(bytes) ?? recordFromRow(source.db, row));
  await writeSharedFile(folder, relative, bytes);
  const projectId = record.projectName === null ? null : await team.ensureProject(record.projectName);
  await team.addGeneration({
    record: { ...record, id: row.id },
    file: {
      file: row.file,
      format: row.format as OutputFormat,
      bytes: bytes.length,
      mtimeMs: row.file_mtime_ms ?? Date.parse(row.created_at),
      sha256: row.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
    },
    jobId: row.job_id,
    projectId,
    trashedAt: row.trashed_at,
    thumbMadeAt: null,
  });
  return 'pushed';
}
