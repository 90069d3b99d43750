/**
 * A finished job's image into the team library: the record embedded in the bytes as delivered
 * (as the embedded library does), the file written atomically into the shared folder at the same
 * place the embedded library would use (`images/<yyyy-mm>/<id>.<ext>`), and the row written last
 * — so another workstation never sees a row whose file is not whole. The store records this
 * workstation's host name and the person's name with the row.
 */
import type { EmbeddedRecord, Generation } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import { detectFormat, embedRecord } from '../../metadata';
import type { AddImageArgs } from '../files/add-image';
import { sha256Hex } from '../files/inputs';
import { imageHome } from '../files/library-paths';
import { cleanTags, clampRating, normalizeTime } from '../db/upsert-generation';
import { sharedFileSize, writeSharedFile } from './team-files';
import type { TeamLibraryStore } from './team-store';

export interface TeamImageDeps {
  store: TeamLibraryStore;
  folder: string;
  creatorTool: string;
  now: () => Date;
}

export async function addTeamImage(deps: TeamImageDeps, args: AddImageArgs): Promise<Generation> {
  const format = detectFormat(args.bytes);
  if (format === null) throw new SeedbankError('INVALID_INPUT', 'The delivered file is not a JPEG, PNG or WebP image');

  // A resumed job may hand the same image in twice; the first copy stands.
  const already = await deps.store.getGeneration(args.record.id);
  if (already && (await sharedFileSize(deps.folder, already.file)) !== null) return already;

  // The job's project id is this workstation's; the team library knows projects by name.
  const projectId = args.record.projectName ? await deps.store.ensureProject(args.record.projectName) : null;
  const createdAt = normalizeTime(args.record.createdAt) ?? deps.now().toISOString();
  const record: EmbeddedRecord = {
    ...args.record,
    format,
    createdAt,
    rating: clampRating(args.record.rating),
    tags: cleanTags(args.record.tags ?? []),
  };
  const embedded = embedRecord(args.bytes, record, { creatorTool: deps.creatorTool });
  const location = imageHome(record.id, createdAt, format);
  await writeSharedFile(deps.folder, location, embedded);
  return deps.store.addGeneration({
    record,
    file: {
      file: location,
      format,
      bytes: embedded.length,
      mtimeMs: deps.now().getTime(),
      sha256: sha256Hex(embedded),
    },
    jobId: args.jobId,
    projectId,
    trashedAt: null,
    thumbMadeAt: null,
  });
}
