/**
 * The team database's password lives in the OS keychain, like the API key — never in
 * `settings.json`, a script or the shell history. A connection string is kept without its
 * password; the password is stored under an account naming the server, user and database, so
 * two team libraries keep two passwords. Connecting puts it back in.
 */
import { SeedbankError } from '../../../../shared/errors';
import { KEYCHAIN_SERVICE, type SecretStore } from '../../secrets/secret-store';
import { checkConnectionString } from './team-connection';

/** Makes the keychain entry for one account (KeyringSecretStore in the app and the CLI). */
export type SecretStoreFor = (service: string, account: string) => SecretStore;

function parse(url: string): URL {
  try {
    return new URL(checkConnectionString(url));
  } catch (err) {
    if (err instanceof SeedbankError) throw err;
    throw new SeedbankError(
      'INVALID_INPUT',
      'The connection string is not a valid postgres:// address',
      'connectionString',
    );
  }
}

/** The keychain account of a database: `team-database:user@host:port/database`. */
export function passwordAccount(url: string): string {
  const parsed = parse(url);
  const user = decodeURIComponent(parsed.username);
  const port = parsed.port || '5432';
  return `team-database:${user}@${parsed.hostname}:${port}${parsed.pathname}`;
}

/** The connection string without its password (what settings and scripts may keep). */
export function withoutPassword(url: string): string {
  const parsed = parse(url);
  parsed.password = '';
  return parsed.toString();
}

/**
 * Moves the password of `url` into the keychain and returns the string without it. A string with
 * no password is refused: there is nothing to remember.
 */
export async function rememberPassword(url: string, secretStoreFor: SecretStoreFor): Promise<string> {
  const parsed = parse(url);
  if (parsed.password === '')
    throw new SeedbankError(
      'INVALID_INPUT',
      'The connection string has no password to remember (postgres://user:password@server/database)',
      'connectionString',
    );
  await secretStoreFor(KEYCHAIN_SERVICE, passwordAccount(url)).set(decodeURIComponent(parsed.password));
  return withoutPassword(url);
}

/**
 * The string to connect with: as given when it carries a password, else with the one in the
 * keychain for that database, else as given (the server may need none: trust, peer, a
 * `.pgpass` file or `PGPASSWORD`).
 */
export async function withStoredPassword(url: string, secretStoreFor: SecretStoreFor): Promise<string> {
  const parsed = parse(url);
  if (parsed.password !== '') return url;
  const password = await secretStoreFor(KEYCHAIN_SERVICE, passwordAccount(url)).get();
  if (password === null) return url;
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** Removes the stored password of that database. */
export async function forgetPassword(url: string, secretStoreFor: SecretStoreFor): Promise<void> {
  await secretStoreFor(KEYCHAIN_SERVICE, passwordAccount(url)).delete();
}
