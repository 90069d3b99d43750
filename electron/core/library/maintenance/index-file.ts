/**
 * Indexes one image file of the library folder from its embedded record: the shared step of
 * reconcile, rebuild and import. The row is made to say what the file says; the project comes
 * back by name; a trashed file (under `trash/`) comes back trashed.
 */
import { stat } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import type { EmbeddedRecord } from '../../../../shared/types';
import { detectFormat, embedRecord, readRecord, writeFileAtomic } from '../../metadata';
import { transaction } from '../db/database';
import { currentFile, findGenerationRow } from '../db/generation-row';
import { saveGeneration, type FileFacts } from '../db/upsert-generation';
import { sha256Hex } from '../files/inputs';
import { absolutePath, thumbLocation } from '../files/library-paths';
import { ensureProjectId } from '../edits/projects';
import { recordFromRow } from '../edits/row-to-record';
import { admitRecord, readImageFile } from '../files/untrusted-image';

export type IndexOutcome =
  | { kind: 'indexed'; id: string; needsThumb: boolean }
  | { kind: 'no-record' }
  | { kind: 'duplicate'; id: string; existing: string };

export interface IndexFileArgs {
  db: DatabaseSync;
  home: string;
  /** Where the file is now, relative to the library folder (`images/…` or `trash/images/…`). */
  location: string;
  now: Date;
}

export function homeOf(location: string): { home: string; trashed: boolean } {
  return location.startsWith('trash/')
    ? { home: location.slice('trash/'.length), trashed: true }
    : { home: location, trashed: false };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A file read and parsed, ready to be saved (reading is async and parallel; saving is batched). */
export interface ReadFile {
  record: EmbeddedRecord;
  home: string;
  trashed: boolean;
  file: FileFacts;
  thumbExists: boolean;
}

export type ReadOutcome = { kind: 'read'; file: ReadFile } | Exclude<IndexOutcome, { kind: 'indexed' }>;

export async function readLibraryFile(
  db: DatabaseSync,
  libraryHome: string,
  location: string,
  now: Date = new Date(),
): Promise<ReadOutcome> {
  const absolute = absolutePath(libraryHome, location);
  let data = await readImageFile(absolute);
  const found = readRecord(data);
  const format = detectFormat(data);
  if (!found || !format) return { kind: 'no-record' };
  // A file put into the library folder by hand is as untrusted as an imported one.
  const { record, reIded } = await admitRecord(found, data, now);
  if (reIded) {
    data = embedRecord(data, record, { creatorTool: 'Seedbank rebuild' });
    await writeFileAtomic(absolute, data);
  }
  const facts = await stat(absolute);
  const { home, trashed } = homeOf(location);
  const before = findGenerationRow(db, record.id);
  // Two files with one record id (a copy made outside the app): the file the index already
  // points at keeps the id while it exists; the other is reported, not indexed.
  if (before && before.file !== home && (await exists(absolutePath(libraryHome, currentFile(before))))) {
    return { kind: 'duplicate', id: record.id, existing: before.file };
  }
  return {
    kind: 'read',
    file: {
      record,
      home,
      trashed,
      file: { file: home, format, bytes: facts.size, mtimeMs: facts.mtimeMs, sha256: sha256Hex(data) },
      thumbExists: await exists(absolutePath(libraryHome, thumbLocation(record.id, trashed))),
    },
  };
}

/** Saves one read file's row. Run inside a transaction (callers batch many files per commit). */
export function saveReadFile(db: DatabaseSync, read: ReadFile, now: Date): IndexOutcome {
  const { record, file, trashed, thumbExists } = read;
  const existing = findGenerationRow(db, record.id);
  if (existing && existing.file !== read.home && existing.missing === 0) {
    // Another file of this batch took the id first.
    return { kind: 'duplicate', id: record.id, existing: existing.file };
  }
  // Edits not yet written back to the file are newer than the file: keep them.
  if (existing && existing.record_dirty > 0) {
    const pending = recordFromRow(db, existing);
    Object.assign(record, {
      projectName: pending.projectName,
      favorite: pending.favorite,
      rating: pending.rating,
      tags: pending.tags,
    });
  }
  const projectId = record.projectName ? ensureProjectId(db, record.projectName, now) : null;
  const trashedAt = trashed ? (existing?.trashed_at ?? new Date(file.mtimeMs).toISOString()) : null;
  const thumbMadeAt = thumbExists ? (existing?.thumb_made_at ?? new Date(file.mtimeMs).toISOString()) : null;
  saveGeneration(db, { record, file, jobId: existing?.job_id ?? null, projectId, trashedAt, thumbMadeAt });
  if (!thumbExists) db.prepare('UPDATE generations SET thumb_made_at = NULL WHERE id = ?').run(record.id);
  return { kind: 'indexed', id: record.id, needsThumb: !thumbExists };
}

export async function indexLibraryFile(args: IndexFileArgs): Promise<IndexOutcome> {
  const read = await readLibraryFile(args.db, args.home, args.location, args.now);
  if (read.kind !== 'read') return read;
  return transaction(args.db, () => saveReadFile(args.db, read.file, args.now));
}
