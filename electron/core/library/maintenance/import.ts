/**
 * Import: copies images from any folder into the library, never touching the originals. An
 * image with a Seedbank record joins the library as itself (same id, record and bytes); any
 * other image joins as a library image too, with what its tool embedded (see import-foreign.ts).
 * A file whose content is already in the library (by SHA-256 of the file as it was) is skipped.
 */
import { mkdir, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { SeedbankError } from '../../../../shared/errors';
import { sourceToolLabel } from '../../../../shared/source-tools';
import type { EmbeddedRecord, OutputFormat } from '../../../../shared/types';
import type { CoreContext } from '../../context';
import { detectFormat, embedRecord, readRecord, syncFolder, writeFileAtomic } from '../../metadata';
import { walkImages, yieldToEventLoop } from '../files/file-walk';
import { prepared } from '../db/statements';
import { normalizeTime } from '../db/upsert-generation';
import { folderNames, recordForForeignFile, type FolderNames } from './import-foreign';
import { indexLibraryFile, saveReadFile, type ReadFile } from './index-file';
import { sha256Hex } from '../files/inputs';
import { absolutePath, imageHome } from '../files/library-paths';
import { runPool } from './pool';
import { inSlicedTransactions } from '../db/sliced-transactions';
import { plainReporter, type PlainTaskOptions } from './rebuild';
import type { MaintenanceDeps } from './reconcile';
import type { TaskOutcome, TaskReporter } from './tasks';
import { admitRecord, readImageFileWithFacts } from '../files/untrusted-image';

/**
 * `seedbank` for files with Seedbank's own record, the tool's name for others, `file` for none;
 * `row` is the copy's row, saved with the others of its batch (null when already saved).
 */
type ImportResult = { kind: 'imported'; tool: string; row: ReadFile | null } | { kind: 'duplicate' };

export interface ImportOutcome extends TaskOutcome {
  /** Image files found in the folder. */
  seen: number;
  imported: number;
  /** Imported images by the tool that made them (`seedbank`, `automatic1111`, …, `file`). */
  byTool: Record<string, number>;
  duplicates: number;
  unreadable: { file: string; reason: string }[];
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Refuses folders that are not there, and the library's own folder (it would import itself). */
export async function checkSourceFolder(libraryHome: string, directory: string): Promise<string> {
  if (!path.isAbsolute(directory))
    throw new SeedbankError('INVALID_INPUT', 'Choose a folder by its full path', 'directory');
  const source = path.resolve(directory);
  const facts = await stat(source).catch(() => null);
  if (!facts?.isDirectory()) throw new SeedbankError('INVALID_INPUT', `No folder at ${source}`, 'directory');
  const home = path.resolve(libraryHome);
  if (source === home || source.startsWith(home + path.sep) || home.startsWith(source + path.sep)) {
    throw new SeedbankError(
      'INVALID_INPUT',
      'That folder contains the library itself; choose a folder outside it',
      'directory',
    );
  }
  return source;
}

function hasContent(db: DatabaseSync, sha256: string): boolean {
  return (
    prepared(db, 'SELECT 1 AS found FROM generations WHERE sha256 = ? OR source_sha256 = ? LIMIT 1').get(
      sha256,
      sha256,
    ) !== undefined
  );
}

function hasRow(db: DatabaseSync, id: string): boolean {
  return prepared(db, 'SELECT 1 AS found FROM generations WHERE id = ?').get(id) !== undefined;
}

/**
 * Copies `bytes` to the record's place in the library and answers the row to save, made from
 * those same bytes: the copy is never read back (each file is read once). The thumbnail follows
 * in the background pass, so a large import is not held up by decoding every image.
 */
async function addToLibrary(
  deps: MaintenanceDeps,
  run: ImportRun,
  record: EmbeddedRecord,
  bytes: Uint8Array,
  format: OutputFormat,
  mtime: Date | null,
): Promise<ReadFile | null> {
  const { db, home } = deps;
  const location = imageHome(record.id, normalizeTime(record.createdAt) ?? deps.now().toISOString(), format);
  const target = absolutePath(home, location);
  if (await exists(target)) {
    // Left by an earlier import cut short: the file there is what counts.
    const outcome = await indexLibraryFile({ db, home, location, now: deps.now() });
    if (outcome.kind !== 'indexed') throw new SeedbankError('INVALID_INPUT', `could not index (${outcome.kind})`);
    return null;
  }
  const folder = path.dirname(target);
  if (!run.folders.has(folder)) {
    await mkdir(folder, { recursive: true });
    run.folders.add(folder);
  }
  // The bytes as they are (plus the record): re-encoding would only lose quality. The folder
  // is synced once for the batch, before its rows are committed (importFolder).
  await writeFileAtomic(target, bytes, { syncFolder: false });
  run.written.add(folder);
  if (mtime) await utimes(target, mtime, mtime);
  const facts = await stat(target);
  return {
    record,
    home: location,
    trashed: false,
    file: { file: location, format, bytes: facts.size, mtimeMs: facts.mtimeMs, sha256: sha256Hex(bytes) },
    thumbExists: false,
  };
}

/** What one import run shares between files. */
interface ImportRun {
  /** The hashes this run has taken, so two copies in one folder import once. */
  claimed: Set<string>;
  /** Record ids taken by copies whose rows are not saved yet. */
  ids: Set<string>;
  names: FolderNames;
  /** Library folders made (or found) this run: one mkdir per month, not per file. */
  folders: Set<string>;
  /** Folders written into since the last commit, to sync before it. */
  written: Set<string>;
}

async function importOne(deps: MaintenanceDeps, file: string, run: ImportRun): Promise<ImportResult> {
  const { claimed } = run;
  const { bytes: original, facts } = await readImageFileWithFacts(file);
  const format = detectFormat(original);
  if (format === null) throw new SeedbankError('INVALID_INPUT', 'not a JPEG, PNG or WebP file');
  const sha256 = sha256Hex(original);
  if (claimed.has(sha256) || hasContent(deps.db, sha256)) return { kind: 'duplicate' };
  claimed.add(sha256);
  const found = readRecord(original);
  if (found) {
    const { record, reIded } = await admitRecord(found, original, deps.now());
    if (run.ids.has(record.id) || hasRow(deps.db, record.id)) return { kind: 'duplicate' };
    run.ids.add(record.id);
    // A new id must be in the file too, or the next rebuild would read the hostile one again.
    const bytes = reIded ? embedRecord(original, record, { creatorTool: 'Seedbank import' }) : original;
    return { kind: 'imported', tool: 'seedbank', row: await addToLibrary(deps, run, record, bytes, format, null) };
  }
  const made = await recordForForeignFile(
    { file, bytes: original, format, facts, sha256, names: run.names },
    deps.now(),
  );
  // The pixels' own size and the pixel limit (a small file may declare a huge image).
  const { record } = await admitRecord(made, original, deps.now());
  const bytes = embedRecord(original, record, { creatorTool: 'Seedbank import' });
  const row = await addToLibrary(deps, run, record, bytes, format, facts.mtime);
  return { kind: 'imported', tool: record.source?.tool ?? 'file', row };
}

/**
 * Files in flight at once: most of a file's time is disk waits (its copy's fsync above all),
 * which overlap; eight keeps memory bounded (each holds the file and its copy) for large files.
 */
const IMPORT_CONCURRENCY = 8;
/** Files copied before their rows are saved (in short transactions, see importFolder). */
const SAVE_BATCH = 200;

/** One line a person can read: what came in, from which tools, what was skipped and why. */
function summary(outcome: Omit<ImportOutcome, 'message'>): string {
  const tools = Object.entries(outcome.byTool)
    .sort((a, b) => b[1] - a[1])
    .map(([tool, count]) => `${count} ${sourceToolLabel(tool)}`);
  const parts = [`${outcome.imported} images imported${tools.length > 0 ? ` (${tools.join(', ')})` : ''}`];
  if (outcome.duplicates) parts.push(`${outcome.duplicates} already in the library (skipped)`);
  if (outcome.unreadable.length > 0) {
    const shown = outcome.unreadable.slice(0, 5).map(({ file, reason }) => `${path.basename(file)}: ${reason}`);
    const more = outcome.unreadable.length - shown.length;
    parts.push(
      `${outcome.unreadable.length} could not be read (${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''})`,
    );
  }
  return parts.join(', ');
}

export async function importFolder(
  deps: MaintenanceDeps,
  directory: string,
  reporter: TaskReporter,
): Promise<ImportOutcome> {
  const source = await checkSourceFolder(deps.home, directory);
  const files: string[] = [];
  for await (const file of walkImages(source)) files.push(file);
  reporter.progress(0, files.length, null, { seen: files.length, imported: 0, duplicates: 0, unreadable: 0 });
  const result: Omit<ImportOutcome, 'message'> = {
    seen: files.length,
    done: 0,
    failed: 0,
    imported: 0,
    byTool: {},
    duplicates: 0,
    unreadable: [],
  };
  const run: ImportRun = {
    claimed: new Set(),
    ids: new Set(),
    names: folderNames(),
    folders: new Set(),
    written: new Set(),
  };
  const skip = (file: string, err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    result.unreadable.push({ file, reason });
    deps.logger.warn('import skipped a file', { file, error: reason });
  };
  const counts = (pending: number) => ({
    seen: files.length,
    imported: result.imported + pending,
    duplicates: result.duplicates,
    unreadable: result.unreadable.length,
  });
  let handled = 0;
  for (let start = 0; start < files.length && !reporter.signal.aborted; start += SAVE_BATCH) {
    const copied: { file: string; tool: string; row: ReadFile | null }[] = [];
    await runPool(files.slice(start, start + SAVE_BATCH), IMPORT_CONCURRENCY, reporter.signal, async (file) => {
      // Pause and cancel take effect between files (see tasks.ts); a file begun is finished.
      await reporter.whilePaused?.();
      if (reporter.signal.aborted) return;
      try {
        const one = await importOne(deps, file, run);
        if (one.kind === 'duplicate') result.duplicates++;
        else copied.push({ file, tool: one.tool, row: one.row });
      } catch (err) {
        skip(file, err);
      }
      // Imported counts the batch's copies before their commit: what the person sees is work done.
      reporter.progress(++handled, files.length, null, counts(copied.length));
    });
    // The copies' names are durable before the rows pointing at them are.
    await Promise.all([...run.written].map((folder) => syncFolder(folder)));
    run.written.clear();
    // Few commits for the batch (a commit per file costs more than reading the file), each short,
    // so a gallery request waits for one slice, not for 200 rows (sliced-transactions.ts).
    await inSlicedTransactions(deps.db, copied, ({ file, tool, row }) => {
      try {
        const outcome = row ? saveReadFile(deps.db, row, deps.now()) : { kind: 'indexed' };
        if (outcome.kind !== 'indexed') throw new SeedbankError('INVALID_INPUT', `could not index (${outcome.kind})`);
        result.imported++;
        result.byTool[tool] = (result.byTool[tool] ?? 0) + 1;
      } catch (err) {
        skip(file, err);
      }
    });
    for (const { row } of copied) if (row) run.ids.delete(row.record.id);
    result.done = result.imported + result.duplicates;
    result.failed = result.unreadable.length;
    reporter.progress(handled, files.length, null, counts(0));
    await yieldToEventLoop();
  }
  result.unreadable.sort((a, b) => a.file.localeCompare(b.file));
  return { ...result, message: summary(result) };
}

/** For the CLI: imports a folder (relative to the working directory, as typed) into `ctx`'s library. */
export function importDirectory(
  ctx: CoreContext,
  directory: string,
  options: PlainTaskOptions = {},
): Promise<ImportOutcome> {
  const deps: MaintenanceDeps = { db: ctx.db, home: ctx.paths.home, now: ctx.now, logger: ctx.logger };
  return importFolder(deps, path.resolve(directory), plainReporter('import', options));
}
