/**
 * Test-only: a real PostgreSQL server of its own for a test file, from Debian's `postgresql`
 * package (`npm test` installs it). `initdb` into a temp folder, `pg_ctl start` on a free
 * loopback port with the socket in that folder too, one database per `createDatabase`; `stop()`
 * stops the server and removes the folder, so nothing is left in the temp directory.
 *
 * `initdb` refuses to run as root, and CI runs as root: then every server command runs as the
 * `postgres` user (`runuser -u postgres --`) in a folder that user owns. As anyone else the
 * commands run as that user. Authentication is `trust` on loopback: a throwaway server.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { makeTempDir, removeTempDir } from './temp';

const run = promisify(execFile);

/** Servers not stopped yet: a test file that failed before its own stop() still stops them. */
const running = new Set<TestPostgres>();
// Registered after temp.ts's hook (imported above), so it runs first: stop, then remove the folder.
if (process.env.VITEST) {
  afterAll(async () => {
    for (const server of [...running]) await server.stop();
  });
}

/** The folder holding `initdb` and `pg_ctl`: the newest Debian cluster version, or PATH. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return path.join(root, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return null;
}

export interface TestPostgres {
  /** `postgres://postgres[:password]@127.0.0.1:<port>/postgres` */
  adminUrl: string;
  port: number;
  /** Creates a new database (empty, or a copy of `template`) and returns its connection string. */
  createDatabase(options?: { name?: string; template?: string }): Promise<string>;
  /** Takes the server down (every connection drops) and brings it up again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server command as the user that owns the cluster. */
async function asOwner(command: string, args: string[]): Promise<string> {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  try {
    const { stdout } = await run(file, argv, { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    return stdout;
  } catch (err) {
    const detail = err as { stderr?: string; message: string };
    throw new Error(`${path.basename(command)} failed: ${detail.stderr?.trim() || detail.message}`, { cause: err });
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** The postgres user must reach the folder: every ancestor must let it pass. */
function checkReachable(dir: string): void {
  for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0)
      throw new Error(`The postgres user cannot reach ${dir}: ${current} is not searchable by others (chmod o+x it)`);
  }
}

export interface StartOptions {
  /**
   * Require this password over TCP (scram-sha-256) for the `postgres` user; the URLs then carry
   * it. Without it every connection is trusted.
   */
  password?: string;
}

export async function startPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (bin === null)
    throw new Error('PostgreSQL is not installed: run `npm test` (it installs it) or apt-get install postgresql');
  const dir = makeTempDir('seedbank-pg-');
  const data = path.join(dir, 'data');
  if (isRoot) {
    checkReachable(dir);
    const { uid, gid } = await userIds('postgres');
    fs.chownSync(dir, uid, gid);
  }
  const auth = ['--auth=trust'];
  if (options.password !== undefined) {
    const pwfile = path.join(dir, 'pwfile');
    fs.writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
    if (isRoot) {
      const { uid, gid } = await userIds('postgres');
      fs.chownSync(pwfile, uid, gid);
    }
    auth.splice(0, 1, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`);
  }
  await asOwner(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    ...auth,
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const startOn = (port: number) =>
    asOwner(path.join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${dir}' -c fsync=off -c max_connections=40`,
      'start',
    ]);
  // A port taken between probing and binding: try another.
  let port = 0;
  for (let attempt = 0; ; attempt += 1) {
    port = await freePort();
    try {
      await startOn(port);
      break;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
  const login = options.password === undefined ? 'postgres' : `postgres:${encodeURIComponent(options.password)}`;
  const adminUrl = `postgres://${login}@127.0.0.1:${port}/postgres`;
  let databases = 0;
  let stopped = false;
  const server: TestPostgres = {
    adminUrl,
    port,
    async createDatabase({ name = `seedbank_test_${(databases += 1)}`, template } = {}) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const copy = template === undefined ? [] : ['-T', template];
      // Through the socket folder: local connections are trusted even when TCP needs the password.
      await asOwner(path.join(bin, 'createdb'), ['-h', dir, '-p', String(port), '-U', 'postgres', ...copy, name]);
      return `postgres://${login}@127.0.0.1:${port}/${name}`;
    },
    async down() {
      await asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    async up() {
      await startOn(port);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(server);
      try {
        await asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        removeTempDir(dir);
      }
    },
  };
  running.add(server);
  return server;
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
