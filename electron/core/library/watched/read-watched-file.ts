/**
 * Reads one image of a watched folder for the index, in place: the file is read once and never
 * written (no record is embedded, no id rewritten). What the file says — a Seedbank record, or
 * what another tool embedded, or only its name and date — becomes the row; the row keeps its id
 * by location, so an edited file updates its row instead of adding one. The person's own
 * choices (favourite, rating, tags, project) live only in the database for these images, so a
 * row that exists keeps them whatever the file says.
 */
import { stat } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import { newId } from '../../ids';
import { detectFormat, readRecord } from '../../metadata';
import type { StoredWatchedFolder } from '../../settings/watch-list';
import { findGenerationRow } from '../db/generation-row';
import { recordFromRow } from '../edits/row-to-record';
import { sha256Hex } from '../files/inputs';
import { absolutePath, thumbLocation } from '../files/library-paths';
import { admitRecord, readImageFile } from '../files/untrusted-image';
import { recordForForeignFile } from '../maintenance/import-foreign';
import { readLibraryFile, type ReadOutcome } from '../maintenance/index-file';
import { isWatchedLocation, resolveWatchedLocation } from './watched-paths';

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function readWatchedFile(
  db: DatabaseSync,
  libraryHome: string,
  folders: readonly StoredWatchedFolder[],
  location: string,
  now: Date,
): Promise<ReadOutcome> {
  const absolute = resolveWatchedLocation(folders, location);
  const facts = await stat(absolute);
  const data = await readImageFile(absolute);
  const format = detectFormat(data);
  if (!format) return { kind: 'no-record' };
  const sha256 = sha256Hex(data);
  const own = readRecord(data);
  const found = own ?? (await recordForForeignFile({ file: absolute, bytes: data, format, facts, sha256 }, now));
  // Pixel size from the pixels and the pixel limit; the id is ours either way (below).
  const { record } = await admitRecord(found, data, now);
  const existing = db.prepare('SELECT id FROM generations WHERE file = ?').get(location) as { id: string } | undefined;
  const row = existing ? findGenerationRow(db, existing.id) : undefined;
  // An id read from a watched file could be a library image's (an exported copy): never reuse it.
  record.id = row?.id ?? newId(facts.mtimeMs > 0 ? Math.floor(facts.mtimeMs) : now.getTime());
  if (row) {
    const kept = recordFromRow(db, row);
    Object.assign(record, {
      projectName: kept.projectName,
      favorite: kept.favorite,
      rating: kept.rating,
      tags: kept.tags,
    });
  }
  return {
    kind: 'read',
    file: {
      record,
      home: location,
      trashed: false,
      file: { file: location, format, bytes: facts.size, mtimeMs: facts.mtimeMs, sha256 },
      // Changed pixels need a new thumbnail; unchanged ones keep theirs.
      thumbExists:
        (!row || row.sha256 === sha256) && (await exists(absolutePath(libraryHome, thumbLocation(record.id, false)))),
    },
  };
}

/** The reader for any indexed file: a watched one in place, a library one as `readLibraryFile` does. */
export function fileReader(folders: readonly StoredWatchedFolder[]): typeof readLibraryFile {
  return (db, libraryHome, location, now = new Date()) =>
    isWatchedLocation(location)
      ? readWatchedFile(db, libraryHome, folders, location, now)
      : readLibraryFile(db, libraryHome, location, now);
}
