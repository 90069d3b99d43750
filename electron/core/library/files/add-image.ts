/**
 * A finished download becomes a library image: the record is embedded in the bytes as
 * delivered (metadata only, never re-encoded), the file is written atomically to its month
 * folder, the thumbnail is made from the same bytes at the same time, and the row goes in last —
 * so the index never points at a file that is not whole.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { EmbeddedRecord } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import type { Logger } from '../../logging/logger';
import { detectFormat, embedRecord, writeFileAtomic } from '../../metadata';
import { transaction } from '../db/database';
import { currentFile, findGenerationRow, type GenerationRow } from '../db/generation-row';
import { cleanTags, clampRating, normalizeTime, saveGeneration } from '../db/upsert-generation';
import { sha256Hex } from './inputs';
import { absolutePath, imageHome, thumbLocation } from './library-paths';
import { ensureProjectId, projectName } from '../edits/projects';
import { makeThumbnail } from './thumbnails';

export interface AddImageArgs {
  record: EmbeddedRecord;
  bytes: Uint8Array;
  jobId: string | null;
  projectId: string | null;
}

export interface AddImageDeps {
  db: DatabaseSync;
  home: string;
  creatorTool: string;
  now: Date;
  logger: Logger;
}

/** The project the image goes to: the job's (if it still exists), else the record's by name. */
function resolveProject(deps: AddImageDeps, args: AddImageArgs): { id: string | null; name: string | null } {
  if (args.projectId !== null) {
    const name = projectName(deps.db, args.projectId);
    if (name !== null) return { id: args.projectId, name };
  }
  if (args.record.projectName) {
    const id = ensureProjectId(deps.db, args.record.projectName, deps.now);
    return { id, name: projectName(deps.db, id) };
  }
  return { id: null, name: null };
}

export async function addImageFile(deps: AddImageDeps, args: AddImageArgs): Promise<GenerationRow> {
  const { db, home } = deps;
  const format = detectFormat(args.bytes);
  if (format === null) throw new SeedbankError('INVALID_INPUT', 'The delivered file is not a JPEG, PNG or WebP image');

  // A resumed job may hand the same image in twice; the first copy stands.
  const already = findGenerationRow(db, args.record.id);
  if (already && already.missing === 0) {
    const present = await stat(absolutePath(home, currentFile(already))).then(
      () => true,
      () => false,
    );
    if (present) return already;
  }

  const project = resolveProject(deps, args);
  const createdAt = normalizeTime(args.record.createdAt) ?? deps.now.toISOString();
  const record: EmbeddedRecord = {
    ...args.record,
    format,
    createdAt,
    projectName: project.name,
    rating: clampRating(args.record.rating),
    tags: cleanTags(args.record.tags ?? []),
  };
  const embedded = embedRecord(args.bytes, record, { creatorTool: deps.creatorTool });
  const location = imageHome(record.id, createdAt, format);
  const target = absolutePath(home, location);
  const thumb = absolutePath(home, thumbLocation(record.id, false));
  await mkdir(path.dirname(target), { recursive: true });

  const [, thumbMade] = await Promise.all([
    writeFileAtomic(target, embedded),
    makeThumbnail(args.bytes, thumb).then(
      () => true,
      (err: unknown) => {
        // The image matters, the thumbnail can be made later by the lazy pass.
        deps.logger.warn('thumbnail failed', { id: record.id, error: String(err) });
        return false;
      },
    ),
  ]);
  const facts = await stat(target);
  transaction(db, () =>
    saveGeneration(db, {
      record,
      file: { file: location, format, bytes: facts.size, mtimeMs: facts.mtimeMs, sha256: sha256Hex(embedded) },
      jobId: args.jobId,
      projectId: project.id,
      trashedAt: null,
      thumbMadeAt: thumbMade ? deps.now.toISOString() : null,
    }),
  );
  const row = findGenerationRow(db, record.id);
  if (!row) throw new SeedbankError('INTERNAL', 'The image was stored but its row is missing');
  return row;
}
