/**
 * Export: images (a selection or a project) copied to a folder — each with its record embedded
 * — plus `manifest.json` listing every record, so the folder explains itself to a person, a
 * script, or another Seedbank library (which can import it). Options (a preset) name the copies
 * from a template (shared/export-name.ts), convert and resize them (export-convert.ts) and add
 * a contact sheet (contact-sheet.ts). A file already in the folder is never overwritten: the
 * new one gets a number.
 */
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { EmbeddedRecord } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import { claimFileName, renderFileName, sanitizeFileName } from '../../../../shared/export-name';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions } from '../../../../shared/export-preset';
import { detectFormat, embedRecord, readRecord, readRecordFromFile, writeFileAtomic } from '../../metadata';
import { currentFile, GENERATION_COLUMNS, selectRows, type GenerationRow } from '../db/generation-row';
import { overlayPersonFields, recordFromRow } from '../edits/row-to-record';
import { readImageFile } from '../files/untrusted-image';
import { isWatchedLocation, resolveImageFile } from '../watched/watched-paths';
import { runPool } from './pool';
import { convertForExport, exportFormatOf, needsConversion } from './export-convert';
import { writeContactSheet } from './export-sheet';
import type { MaintenanceDeps } from './reconcile';
import type { TaskOutcome, TaskReporter } from './tasks';

export interface ExportSelection {
  ids?: string[] | undefined;
  /** A project, or null for Unsorted. */
  projectId?: string | null | undefined;
  destination: string;
  options?: ExportOptions | undefined;
}

export interface ExportManifest {
  app: 'Seedbank';
  version: string;
  exportedAt: string;
  count: number;
  images: { file: string; record: EmbeddedRecord }[];
}

/**
 * Where an export reads rows, files and records: this computer's index (`embeddedExportSource`)
 * or the team library's (team/team-export.ts). The rest — names, conversion, manifest, contact
 * sheet — is one code path for both.
 */
export interface ExportSource {
  /** The library folder the rows' files are relative to (exporting into it is refused). */
  home: string;
  watched?: MaintenanceDeps['watched'];
  rowsById(ids: readonly string[]): Promise<GenerationRow[]>;
  /** A project's images outside the trash, oldest first; null: Unsorted. */
  rowsOfProject(projectId: string | null): Promise<GenerationRow[]>;
  projectNames(): Promise<Map<string, string>>;
  /** The record the index gives a row (a file without a readable record; a watched image's choices). */
  recordOf(row: GenerationRow): Promise<EmbeddedRecord>;
}

export interface ExportDeps {
  version: string;
  now: () => Date;
  logger: MaintenanceDeps['logger'];
}

export function embeddedExportSource(deps: MaintenanceDeps): ExportSource {
  const { db } = deps;
  return {
    home: deps.home,
    ...(deps.watched ? { watched: deps.watched } : {}),
    rowsById: async (ids) => selectRows(db, ids),
    rowsOfProject: async (projectId) => {
      const sql = `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.trashed_at IS NULL AND ${
        projectId === null ? 'g.project_id IS NULL' : 'g.project_id = ?'
      } ORDER BY g.created_at`;
      const params = projectId === null ? [] : [projectId];
      return db.prepare(sql).all(...params) as unknown as GenerationRow[];
    },
    projectNames: async () => projectNamesOf(db),
    recordOf: async (row) => recordFromRow(db, row),
  };
}

function selectedRows(source: ExportSource, selection: ExportSelection): Promise<GenerationRow[]> {
  if (selection.ids) return source.rowsById(selection.ids);
  if (selection.projectId === undefined) {
    throw new SeedbankError('INVALID_INPUT', 'Choose images or a project to export', 'ids');
  }
  return source.rowsOfProject(selection.projectId);
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

/** What each selected row becomes: its source file and the name it gets in the folder. */
interface PlannedCopy {
  row: GenerationRow;
  source: string;
  name: string;
}

function planNames(
  home: string,
  watched: MaintenanceDeps['watched'],
  rows: GenerationRow[],
  options: ExportOptions,
  existing: readonly string[],
  projectNames: Map<string, string>,
): PlannedCopy[] {
  // Names are handed out in order before any copying, so the numbering does not depend on timing.
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  taken.add('manifest.json');
  return rows.map((row) => {
    const format = exportFormatOf(row.format as ExportFormatOf, options);
    const base = options.nameTemplate
      ? renderFileName(options.nameTemplate, {
          id: row.id,
          createdAt: row.created_at,
          prompt: row.prompt,
          seed: row.seed,
          model: row.model,
          projectName: row.project_id === null ? null : (projectNames.get(row.project_id) ?? null),
          rating: row.rating,
          fileName: row.source_name,
        })
      : sanitizeFileName(path.parse(row.file).name);
    const extension = format === 'jpeg' ? 'jpg' : format;
    return {
      row,
      source: resolveImageFile(home, watched ?? [], currentFile(row)),
      name: claimFileName(base, extension, taken),
    };
  });
}

type ExportFormatOf = Parameters<typeof exportFormatOf>[0];

function projectNamesOf(db: DatabaseSync): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM projects').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Writes one copy; answers with the record the copy carries. */
async function writeCopy(
  deps: ExportDeps & { source: ExportSource },
  copy: PlannedCopy,
  options: ExportOptions,
  target: string,
): Promise<EmbeddedRecord> {
  const destination = path.join(target, copy.name);
  const originalFormat = copy.row.format as ExportFormatOf;
  const watched = isWatchedLocation(copy.row.file);
  const convert = needsConversion(originalFormat, options);
  if (!watched && !convert) {
    await copyFile(copy.source, destination);
    // The manifest says what the exported file says (write-back has been flushed before).
    return (await readRecordFromFile(destination)) ?? (await deps.source.recordOf(copy.row));
  }
  const original = watched ? await readImageFile(copy.source) : new Uint8Array(await readFile(copy.source));
  const format = detectFormat(original);
  if (format === null) throw new SeedbankError('INVALID_INPUT', `${copy.source} is not a JPEG, PNG or WebP file`);
  // A watched image's rating, tags and project live in the index only: they go into the copy.
  const record = watched
    ? { ...overlayPersonFields(await deps.source.recordOf(copy.row), readRecord(original)), id: copy.row.id }
    : (readRecord(original) ?? (await deps.source.recordOf(copy.row)));
  const bytes = convert
    ? await convertForExport(original, format, record, options, 'Seedbank export')
    : embedRecord(original, record, { creatorTool: `Seedbank ${deps.version}` });
  await writeFileAtomic(destination, bytes);
  return readRecord(bytes) ?? record;
}

export function exportImages(
  deps: MaintenanceDeps & { version: string },
  selection: ExportSelection,
  reporter: TaskReporter,
): Promise<TaskOutcome> {
  return exportFrom(embeddedExportSource(deps), deps, selection, reporter);
}

export async function exportFrom(
  source: ExportSource,
  deps: ExportDeps,
  selection: ExportSelection,
  reporter: TaskReporter,
): Promise<TaskOutcome> {
  const options = selection.options ?? { ...DEFAULT_EXPORT_OPTIONS, nameTemplate: undefined };
  const target = await checkDestination(source.home, selection.destination);
  const rows = await selectedRows(source, selection);
  const plan = planNames(
    source.home,
    source.watched,
    rows,
    options,
    await readdir(target),
    await source.projectNames(),
  );
  const images: ExportManifest['images'] = [];
  const written: PlannedCopy[] = [];
  let failed = 0;
  await runPool(plan, 4, reporter.signal, async (copy) => {
    try {
      images.push({ file: copy.name, record: await writeCopy({ ...deps, source }, copy, options, target) });
      written.push(copy);
    } catch (err) {
      failed++;
      deps.logger.warn('export skipped an image', { id: copy.row.id, error: String(err) });
    }
    reporter.progress(images.length + failed, plan.length);
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
  const parts = [`${images.length} images exported to ${target}`];
  if (failed) parts.push(`${failed} could not be copied`);
  if (options.contactSheet !== 'none' && written.length > 0) {
    const order = new Map(images.map((image, i) => [image.file, i]));
    written.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
    const sheets = await writeContactSheet(
      options.contactSheet,
      target,
      written.map(({ row, source, name }) => ({
        file: source,
        prompt: row.prompt,
        seed: row.seed,
        name,
      })),
    );
    parts.push(`contact sheet: ${sheets.join(', ')}`);
  }
  return { done: images.length, failed, message: parts.join(', ') };
}
