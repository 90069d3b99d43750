/**
 * Connecting a workstation to a team library, and the "Test" button's checks. A workstation
 * connects only when the database is at exactly the schema version this Seedbank expects (an
 * older one needs `seedbank library migrate`, a newer one a newer Seedbank) and the shared
 * folder carries the database's library id (so files never land in another library's folder).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { SeedbankError } from '../../../../shared/errors';
import { readLibraryIdFile } from '../store/library-id-file';
import { openPool, TeamAway, unreachable } from './team-connection';
import { readSchemaState, type TeamSchemaState } from './team-migrate';
import { TEAM_SCHEMA_VERSION } from './team-schema';

/** Why a database at `state` cannot be used by this Seedbank, or null when it can. */
export function schemaProblem(state: TeamSchemaState): string | null {
  if (state.version === TEAM_SCHEMA_VERSION) return null;
  if (state.version === 0)
    return `The team database has no Seedbank library yet (schema version 0; this Seedbank expects ${TEAM_SCHEMA_VERSION}): run \`seedbank library migrate\` once to create it`;
  if (state.version < TEAM_SCHEMA_VERSION)
    return `The team database is at schema version ${state.version}; this Seedbank expects version ${TEAM_SCHEMA_VERSION}. Back it up (pg_dump), then run \`seedbank library migrate\` — every workstation then needs this Seedbank version`;
  return `The team database is at schema version ${state.version}; this Seedbank expects version ${TEAM_SCHEMA_VERSION}. Update Seedbank on this workstation to the version the others use`;
}

/**
 * Why the folder does not go with the database, or null when it does. A folder without the id
 * file or that cannot be read is `TeamAway` (a share not mounted yet); one of another library is not.
 */
export async function folderProblem(folder: string, libraryId: string): Promise<SeedbankError | null> {
  let folderId: string | null;
  try {
    folderId = await readLibraryIdFile(folder);
  } catch (err) {
    if (err instanceof SeedbankError) return err;
    return new TeamAway('INVALID_INPUT', `Cannot read the shared folder ${folder}: ${String(err)}`, 'folder');
  }
  if (folderId === null)
    return new TeamAway(
      'INVALID_INPUT',
      `The shared folder ${folder} has no library id: run \`seedbank library migrate --folder ${folder}\` to give it this database's (${libraryId})`,
      'folder',
    );
  if (folderId !== libraryId)
    return new SeedbankError(
      'INVALID_INPUT',
      `The shared folder ${folder} belongs to library ${folderId}, the database to library ${libraryId}: choose the folder that goes with this database`,
      'folder',
    );
  return null;
}

export interface TeamConnection {
  pool: pg.Pool;
  libraryId: string;
  version: number;
}

export async function connectTeam(
  url: string,
  folder: string,
  onTrouble: (message: string) => void = () => undefined,
): Promise<TeamConnection> {
  const pool = openPool(url, 4, (err) => onTrouble(`A connection to the team database dropped (${err.message})`));
  try {
    const state = await readSchemaState(pool).catch((err: unknown) => {
      throw unreachable(url, err);
    });
    const problem = schemaProblem(state);
    if (problem !== null) throw new SeedbankError('INVALID_INPUT', problem, 'schemaVersion');
    const libraryId = state.libraryId ?? '';
    const mismatch = await folderProblem(folder, libraryId);
    if (mismatch !== null) throw mismatch;
    return { pool, libraryId, version: state.version };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

export type TeamCheckName = 'connection' | 'schema' | 'folder' | 'library id';

export interface TeamCheck {
  name: TeamCheckName;
  ok: boolean;
  message: string;
}

/** Writes and removes a file in the folder: a share mounted read-only or without rights fails here. */
async function checkFolderWritable(folder: string): Promise<string | null> {
  const probe = path.join(folder, `.seedbank-write-test-${randomUUID()}`);
  try {
    const handle = await fs.open(probe, 'wx');
    await handle.writeFile('seedbank');
    await handle.sync();
    await handle.close();
    await fs.rm(probe);
    return null;
  } catch (err) {
    await fs.rm(probe, { force: true }).catch(() => undefined);
    return `Cannot write into the shared folder ${folder}: ${(err as Error).message}`;
  }
}

/** The Test button: each check with what it found; later checks that depend on a failed one are not run. */
export async function testTeamConnection(url: string, folder: string): Promise<TeamCheck[]> {
  const checks: TeamCheck[] = [];
  const pool = openPool(url, 1);
  try {
    let state: TeamSchemaState;
    try {
      state = await readSchemaState(pool);
      checks.push({ name: 'connection', ok: true, message: 'The team database answers' });
    } catch (err) {
      checks.push({ name: 'connection', ok: false, message: unreachable(url, err).message });
      return checks;
    }
    const problem = schemaProblem(state);
    checks.push({ name: 'schema', ok: problem === null, message: problem ?? `Schema version ${state.version}` });
    const unwritable = await checkFolderWritable(folder);
    checks.push({ name: 'folder', ok: unwritable === null, message: unwritable ?? `${folder} is writable` });
    if (state.libraryId !== null) {
      const mismatch = (await folderProblem(folder, state.libraryId))?.message ?? null;
      checks.push({
        name: 'library id',
        ok: mismatch === null,
        message: mismatch ?? `The folder and the database are library ${state.libraryId}`,
      });
    }
    return checks;
  } finally {
    await pool.end().catch(() => undefined);
  }
}
