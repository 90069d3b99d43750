/**
 * Export: images (a selection or a project) copied to a folder as they are — each with its
 * record embedded — plus `manifest.json` listing every record, so the folder explains itself
 * to a person, a script, or another Seedbank library (which can import it).
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { EmbeddedRecord } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import { embedRecord, readRecord, readRecordFromFile, writeFileAtomic } from '../../metadata';
import { currentFile, GENERATION_COLUMNS, selectRows, type GenerationRow } from '../db/generation-row';
import { recordFromRow, withPersonFields } from '../edits/row-to-record';
import { readImageFile } from '../files/untrusted-image';
import { isWatchedLocation, resolveImageFile } from '../watched/watched-paths';
import { runPool } from './pool';
import type { MaintenanceDeps } from './reconcile';
import type { TaskOutcome, TaskReporter } from './tasks';

export interface ExportSelection {
  ids?: string[] | undefined;
  /** A project, or null for Unsorted. */
  projectId?: string | null | undefined;
  destination: string;
}

export interface ExportManifest {
  app: 'Seedbank';
  version: string;
  exportedAt: string;
  count: number;
  images: { file: string; record: EmbeddedRecord }[];
}

function selectedRows(db: DatabaseSync, selection: ExportSelection): GenerationRow[] {
  if (selection.ids) return selectRows(db, selection.ids);
  if (selection.projectId === undefined) {
    throw new SeedbankError('INVALID_INPUT', 'Choose images or a project to export', 'ids');
  }
  const sql = `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.trashed_at IS NULL AND ${
    selection.projectId === null ? 'g.project_id IS NULL' : 'g.project_id = ?'
  } ORDER BY g.created_at`;
  const params = selection.projectId === null ? [] : [selection.projectId];
  return db.prepare(sql).all(...params) as unknown as GenerationRow[];
}

async function checkDestination(libraryHome: string, destination: string): Promise<string> {
  if (!path.isAbsolute(destination))
    throw new SeedbankError('INVALID_INPUT', 'Choose a folder by its full path', 'destination');
  const target = path.resolve(destination);
  const home = path.resolve(libraryHome);
  if (target === home || target.startsWith(home + path.sep)) {
    throw new SeedbankError('INVALID_INPUT', 'Export to a folder outside the library', 'destination');
  }
  const facts = await stat(target).catch(() => null);
  if (facts && !facts.isDirectory())
    throw new SeedbankError('INVALID_INPUT', `${target} is a file, not a folder`, 'destination');
  await mkdir(target, { recursive: true });
  return target;
}

export async function exportImages(
  deps: MaintenanceDeps & { version: string },
  selection: ExportSelection,
  reporter: TaskReporter,
): Promise<TaskOutcome> {
  const target = await checkDestination(deps.home, selection.destination);
  const rows = selectedRows(deps.db, selection);
  const images: ExportManifest['images'] = [];
  let failed = 0;
  await runPool(rows, 4, reporter.signal, async (row) => {
    const name = path.basename(row.file);
    const destination = path.join(target, name);
    try {
      const source = resolveImageFile(deps.home, deps.watched ?? [], currentFile(row));
      if (isWatchedLocation(row.file)) {
        // A watched image's rating, tags and project live in the index only: they go into the copy.
        const bytes = await readImageFile(source);
        const record = { ...withPersonFields(deps.db, row, readRecord(bytes)), id: row.id };
        await writeFileAtomic(destination, embedRecord(bytes, record, { creatorTool: `Seedbank ${deps.version}` }));
      } else {
        await copyFile(source, destination);
      }
      // The manifest says what the exported file says (write-back has been flushed before).
      const record = (await readRecordFromFile(destination)) ?? recordFromRow(deps.db, row);
      images.push({ file: name, record });
    } catch (err) {
      failed++;
      deps.logger.warn('export skipped an image', { id: row.id, error: String(err) });
    }
    reporter.progress(images.length + failed, rows.length);
  });
  images.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt) || a.file.localeCompare(b.file));
  const manifest: ExportManifest = {
    app: 'Seedbank',
    version: deps.version,
    exportedAt: deps.now().toISOString(),
    count: images.length,
    images,
  };
  await writeFileAtomic(path.join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const message = `${images.length} images exported to ${target}${failed ? `, ${failed} could not be copied` : ''}`;
  return { done: images.length, failed, message };
}
