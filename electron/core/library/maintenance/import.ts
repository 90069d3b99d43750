/**
 * Import: copies images from any folder into the library, never touching the originals. An
 * image with a Seedbank record joins the library as itself (same id, record and bytes); one
 * without becomes a reference image, stored once by hash, ready to use as an input.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { SeedbankError } from '../../../../shared/errors';
import type { CoreContext } from '../../context';
import { detectFormat, embedRecord, readRecord, writeFileAtomic } from '../../metadata';
import { walkImages } from '../files/file-walk';
import { normalizeTime } from '../db/upsert-generation';
import { indexLibraryFile } from './index-file';
import { storeInput } from '../files/inputs';
import { absolutePath, imageHome, thumbLocation } from '../files/library-paths';
import { runPool } from './pool';
import { plainReporter, type PlainTaskOptions } from './rebuild';
import type { MaintenanceDeps } from './reconcile';
import type { TaskOutcome, TaskReporter } from './tasks';
import { makeThumbnail } from '../files/thumbnails';
import { admitRecord, readImageFile } from '../files/untrusted-image';

type ImportResult = 'image' | 'reference' | 'already';

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

async function importOne(deps: MaintenanceDeps, file: string): Promise<ImportResult> {
  const { db, home } = deps;
  const original = await readImageFile(file);
  const format = detectFormat(original);
  if (format === null) throw new SeedbankError('INVALID_INPUT', 'not a JPEG, PNG or WebP file');
  const found = readRecord(original);
  if (!found) {
    await storeInput(db, home, original, deps.now());
    return 'reference';
  }
  const { record, reIded } = await admitRecord(found, original, deps.now());
  if (hasRow(db, record.id)) return 'already';
  // A new id must be in the file too, or the next rebuild would read the hostile one again.
  const bytes = reIded ? embedRecord(original, record, { creatorTool: 'Seedbank import' }) : original;
  const location = imageHome(record.id, normalizeTime(record.createdAt) ?? deps.now().toISOString(), format);
  const target = absolutePath(home, location);
  if (!(await exists(target))) {
    await mkdir(path.dirname(target), { recursive: true });
    // The bytes as they are: the record is already embedded, re-encoding would only lose quality.
    await writeFileAtomic(target, bytes);
  }
  await makeThumbnail(bytes, absolutePath(home, thumbLocation(record.id, false))).catch((err: unknown) =>
    deps.logger.warn('thumbnail failed', { id: record.id, error: String(err) }),
  );
  const outcome = await indexLibraryFile({ db, home, location, now: deps.now() });
  if (outcome.kind !== 'indexed') throw new SeedbankError('INVALID_INPUT', `could not index (${outcome.kind})`);
  return 'image';
}

function hasRow(db: DatabaseSync, id: string): boolean {
  return db.prepare('SELECT 1 AS found FROM generations WHERE id = ?').get(id) !== undefined;
}

export async function importFolder(
  deps: MaintenanceDeps,
  directory: string,
  reporter: TaskReporter,
): Promise<TaskOutcome> {
  const source = await checkSourceFolder(deps.home, directory);
  const files: string[] = [];
  for await (const file of walkImages(source)) files.push(file);
  const counts = { image: 0, reference: 0, already: 0, failed: 0 };
  await runPool(files, 4, reporter.signal, async (file) => {
    try {
      counts[await importOne(deps, file)]++;
    } catch (err) {
      counts.failed++;
      deps.logger.warn('import skipped a file', { file, error: err instanceof Error ? err.message : String(err) });
    }
    reporter.progress(counts.image + counts.reference + counts.already + counts.failed, files.length);
  });
  const parts = [`${counts.image} images imported`, `${counts.reference} stored as reference images`];
  if (counts.already) parts.push(`${counts.already} already in the library`);
  if (counts.failed) parts.push(`${counts.failed} could not be read`);
  return { done: counts.image + counts.reference + counts.already, failed: counts.failed, message: parts.join(', ') };
}

/** For the CLI: imports a folder (relative to the working directory, as typed) into `ctx`'s library. */
export function importDirectory(
  ctx: CoreContext,
  directory: string,
  options: PlainTaskOptions = {},
): Promise<TaskOutcome> {
  const deps: MaintenanceDeps = { db: ctx.db, home: ctx.paths.home, now: ctx.now, logger: ctx.logger };
  return importFolder(deps, path.resolve(directory), plainReporter('import', options));
}
