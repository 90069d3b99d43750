/**
 * The team database's password in the OS keychain (a real Secret Service on a private D-Bus),
 * against a real PostgreSQL that requires it: `seedbank library login` keeps it, connection
 * strings then carry none, and without it the server refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyringSecretStore } from '../../electron/core/secrets/keyring-store';
import {
  passwordAccount,
  rememberPassword,
  withoutPassword,
  withStoredPassword,
} from '../../electron/core/library/team/team-credentials';
import { migrateTeamDatabase } from '../../electron/core/library/team/team-migrate';
import { buildCli, cliEnv, runCli, tempHome } from '../cli/cli-harness';
import { keyringToolsAvailable, startKeyringSession, type KeyringSession } from '../support/keyring-session';
import { startPostgres, type TestPostgres } from '../support/postgres';

const PASSWORD = 'p@ss:w/rd with spaces';
const missing = keyringToolsAvailable();
if (missing) console.log(`skipping keychain tests: ${missing}`);

describe.skipIf(missing !== null)('the team database password in the keychain', () => {
  let server: TestPostgres;
  let session: KeyringSession;
  beforeAll(async () => {
    buildCli();
    session = await startKeyringSession();
    process.env.DBUS_SESSION_BUS_ADDRESS = session.address;
    server = await startPostgres({ password: PASSWORD });
  });
  afterAll(async () => {
    await server?.stop();
    await session?.stop();
  });

  const secretStoreFor = (service: string, account: string) => new KeyringSecretStore(`${service}Test`, account);

  it('keeps the password in the keychain and gives back the connection string without it', async () => {
    const url = await server.createDatabase();
    const kept = await rememberPassword(url, secretStoreFor);
    expect(kept).not.toContain(encodeURIComponent(PASSWORD));
    expect(kept).toBe(withoutPassword(url));
    expect(await secretStoreFor('Seedbank', passwordAccount(url)).get()).toBe(PASSWORD);
    // Connecting with the bare string works: the password comes from the keychain.
    const result = await migrateTeamDatabase(await withStoredPassword(kept, secretStoreFor));
    expect(result.to).toBeGreaterThan(0);
  });

  it('without the stored password the server refuses, and says which server', async () => {
    const url = withoutPassword(await server.createDatabase());
    const other = (service: string, account: string) => new KeyringSecretStore(`${service}Empty`, account);
    const refused = await migrateTeamDatabase(await withStoredPassword(url, other)).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(refused?.message).toContain('The team database at 127.0.0.1');
    expect(refused?.message).toContain('refused the login');
    expect(refused?.message).toContain('seedbank library login');
  });

  it('`seedbank library login` reads the password from stdin; later commands need none', async () => {
    const url = await server.createDatabase();
    const bare = withoutPassword(url);
    const env = cliEnv({
      home: tempHome(),
      apiBase: 'http://127.0.0.1:9',
      extra: { DBUS_SESSION_BUS_ADDRESS: session.address },
    });
    const login = await runCli(['library', 'login', '--database', bare], env, `${PASSWORD}\n`);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).not.toContain(PASSWORD);
    const migrate = await runCli(['library', 'migrate', '--database', bare, '--json'], env);
    expect(migrate.code, migrate.stderr).toBe(0);
    const forget = await runCli(['library', 'login', '--database', bare, '--forget'], env);
    expect(forget.code, forget.stderr).toBe(0);
    const refused = await runCli(['library', 'migrate', '--database', bare], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('refused the login');
  });
});
