/**
 * Migrating the team database: `seedbank library migrate` is the one caller. All migrations run
 * in one transaction under an advisory lock, so two people running it at once cannot both apply
 * a step, and a failure leaves the database at the version it had. The first migration gives
 * the library its id; `migrate` also writes that id into the shared folder (library-id-file.ts).
 */
import type pg from 'pg';
import { SeedbankError } from '../../../../shared/errors';
import { newLibraryId, readLibraryIdFile, writeLibraryIdFile } from '../store/library-id-file';
import { inTransaction, openPool, unreachable } from './team-connection';
import { TEAM_MIGRATIONS, TEAM_SCHEMA_VERSION } from './team-schema';

/** The advisory lock key `migrate` holds ("seedbank" in ASCII, so no other tool picks it by chance). */
const MIGRATE_LOCK = 0x7365656462616e6bn;

export interface TeamSchemaState {
  version: number;
  libraryId: string | null;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** The version the database is at (0: no Seedbank schema yet) and its library id. */
export async function readSchemaState(db: Queryable): Promise<TeamSchemaState> {
  const exists = await db.query<{ found: string | null }>("SELECT to_regclass('seedbank_library') AS found");
  if (exists.rows[0]?.found == null) return { version: 0, libraryId: null };
  const { rows } = await db.query<{ schema_version: number; library_id: string }>(
    'SELECT schema_version, library_id FROM seedbank_library',
  );
  const row = rows[0];
  return row ? { version: row.schema_version, libraryId: row.library_id } : { version: 0, libraryId: null };
}

export interface MigrateResult {
  from: number;
  to: number;
  libraryId: string;
}

export async function migrateTeamDatabase(url: string, target = TEAM_SCHEMA_VERSION): Promise<MigrateResult> {
  const pool = openPool(url, 1);
  try {
    await pool.query('SELECT 1').catch((err: unknown) => {
      throw unreachable(url, err);
    });
    return await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK.toString()]);
      const before = await readSchemaState(client);
      if (before.version > TEAM_SCHEMA_VERSION)
        throw new SeedbankError(
          'INVALID_INPUT',
          `The team database is at schema version ${before.version}, newer than this Seedbank knows (${TEAM_SCHEMA_VERSION}): update Seedbank; never migrate it down`,
          'schemaVersion',
        );
      for (const migration of TEAM_MIGRATIONS) {
        if (migration.version <= before.version || migration.version > target) continue;
        await client.query(migration.sql);
        if (migration.version === 1)
          await client.query('INSERT INTO seedbank_library (library_id, schema_version) VALUES ($1, 1)', [
            newLibraryId(),
          ]);
        else await client.query('UPDATE seedbank_library SET schema_version = $1', [migration.version]);
      }
      const after = await readSchemaState(client);
      if (after.libraryId === null) throw new SeedbankError('INTERNAL', 'The team database has no library id');
      return { from: before.version, to: after.version, libraryId: after.libraryId };
    });
  } finally {
    await pool.end();
  }
}

/**
 * Gives the shared folder the database's library id, or checks the one it has. A folder that
 * already belongs to another library is refused: its files are indexed elsewhere.
 */
export async function claimFolder(folder: string, libraryId: string): Promise<'written' | 'matches'> {
  const existing = await readLibraryIdFile(folder);
  if (existing === libraryId) return 'matches';
  if (existing !== null)
    throw new SeedbankError(
      'INVALID_INPUT',
      `The folder ${folder} belongs to another library (${existing}), not to this database's (${libraryId}); choose the folder that goes with this database`,
      'folder',
    );
  await writeLibraryIdFile(folder, libraryId);
  return 'written';
}
