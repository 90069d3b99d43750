/**
 * Connections to the team database through `pg` (node-postgres). 64-bit integers come back as
 * JavaScript numbers: every bigint column holds a value below 2^53 (seq is ms × 1024, file sizes
 * and times in ms), and the row mapping shared with the embedded store expects numbers.
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import { SeedbankError } from '../../../../shared/errors';

const INT8_OID = 20;

const requireHere = createRequire(import.meta.url);

/**
 * `pg`, loaded when the first connection opens: a person on this computer's library (and every
 * CLI command that opens the library) never pays for loading the driver.
 */
function driver(): typeof pg {
  return requireHere('pg') as typeof pg;
}

/** pg's own parsers, except int8 → number (the `types` option of a pool or client). */
function int8AsNumber(): pg.CustomTypesConfig {
  const { types } = driver();
  return {
    getTypeParser: ((oid: number, format: 'text' | 'binary' = 'text'): unknown =>
      oid === INT8_OID
        ? (value: string): number => Number(value)
        : (types.getTypeParser as (id: number, f: 'text' | 'binary') => unknown)(
            oid,
            format,
          )) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/**
 * Settings for every session. JIT off: the gallery's queries are short, and at a few hundred
 * thousand rows their estimated cost crosses `jit_above_cost`, where compiling them took longer
 * than running them (team bench at 200,000: search median 163.8 → 109.2 ms, open + first page
 * 57.7 → 30.7 ms; docs/team-library.md).
 */
const SESSION_OPTIONS = '-c jit=off';

/** What a connection string may look like: `postgres://` or `postgresql://`, nothing else. */
export function checkConnectionString(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new SeedbankError(
      'INVALID_INPUT',
      'The team database is named by a connection string starting with postgres:// (e.g. postgres://user@server/seedbank)',
      'connectionString',
    );
  return url;
}

/**
 * A pool of connections. An idle connection the server drops (a restart, a network cut) is an
 * 'error' event on the pool; unheard, it would end the process. The pool discards that
 * connection and opens a new one for the next query, so it is only reported.
 */
export function openPool(url: string, max = 4, onIdleError: (err: Error) => void = () => undefined): pg.Pool {
  const pool = new (driver().Pool)({
    connectionString: checkConnectionString(url),
    types: int8AsNumber(),
    max,
    connectionTimeoutMillis: 10_000,
    options: SESSION_OPTIONS,
  });
  pool.on('error', onIdleError);
  return pool;
}

export function openClient(url: string): pg.Client {
  return new (driver().Client)({
    connectionString: checkConnectionString(url),
    types: int8AsNumber(),
    connectionTimeoutMillis: 10_000,
    options: SESSION_OPTIONS,
  });
}

/**
 * Runs `work` in one transaction on a client of the pool. While the client is out of the pool
 * the pool does not listen for its errors: a server that goes down mid-transaction would make it
 * emit an 'error' nobody hears, which ends the process. Heard here, the query in flight fails
 * instead, and the client is thrown away rather than put back.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}

/**
 * A refusal that can pass without anyone doing anything: the server not reachable right now, or
 * the shared folder not there or not readable (a share not mounted yet leaves an empty mount
 * point, without the library id file). A workstation refused this way tries again by itself
 * (library-switch.ts); a schema version, another library's folder, a refused login or settings
 * left incomplete need a person, and are plain `SeedbankError`s.
 */
export class TeamAway extends SeedbankError {}

/** A server that cannot be reached or refuses the login, said in words (host, port, what the driver said). */
export function unreachable(url: string, err: unknown): SeedbankError {
  let where = 'the team database';
  try {
    const parsed = new URL(url);
    where = `the team database at ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
  } catch {
    // An unparsable string was refused before a connection was tried.
  }
  const reason = err instanceof Error ? err.message : String(err);
  // 28P01 invalid_password, 28000 invalid_authorization_specification: the server answered and
  // refused; a server asking for a password the string does not carry fails in the driver itself.
  const code = (err as { code?: unknown } | null)?.code;
  if (code === '28P01' || code === '28000' || /client password must be a string/.test(reason))
    return new SeedbankError(
      'NETWORK',
      `${where[0]?.toUpperCase()}${where.slice(1)} refused the login (${reason}); keep the password in the keychain with \`seedbank library login\``,
      'connectionString',
    );
  return new TeamAway('NETWORK', `Cannot reach ${where}: ${reason}`, 'connectionString');
}
