/**
 * `seedbank library …`: the team library's administration (issue 17). The team database is named
 * by `--database` or `SEEDBANK_DATABASE_URL`, the shared folder by `--folder` or
 * `SEEDBANK_TEAM_FOLDER`.
 * - `migrate`: the only way the team database's schema changes (a workstation never migrates it
 *   on connect); also gives the shared folder the database's library id.
 * - `check`: the Settings "Test" button from a shell — connection, schema version, folder write
 *   access, and that the folder and the database belong together.
 */
import path from 'node:path';
import { Command } from 'commander';
import { SeedbankError } from '../../shared/errors';
import { CliError, EXIT } from './exit-codes';

interface TeamOptions {
  database?: string;
  folder?: string;
  json?: boolean;
}

/**
 * The database and folder this command means (`team-target.ts`: flag, then environment, then
 * Settings → Library of `SEEDBANK_HOME`). Settings are read only when needed and never written.
 */
async function target(options: TeamOptions) {
  const [{ teamTarget }, { createSettingsService }, { appPaths, defaultHome, resolveHome }, { silentLogger }] =
    await Promise.all([
      import('../core/library/team/team-target'),
      import('../core/settings/settings-service'),
      import('../core/paths'),
      import('../core/logging/logger'),
    ]);
  return teamTarget({
    given: { database: options.database, folder: options.folder },
    env: process.env,
    settings: () => {
      const home = resolveHome(process.env, () => defaultHome(process.env));
      return createSettingsService({
        directory: appPaths(home).settingsDir,
        env: process.env,
        logger: silentLogger,
      }).get().library;
    },
  });
}

async function namedDatabase(options: TeamOptions): Promise<string> {
  const { databaseUrl } = await target(options);
  if (databaseUrl === null)
    throw new SeedbankError(
      'INVALID_INPUT',
      'No team database named: pass --database postgres://…, set SEEDBANK_DATABASE_URL, or choose Team in Settings → Library',
      'database',
    );
  return databaseUrl;
}

async function keychain() {
  const { KeyringSecretStore } = await import('../core/secrets/keyring-store');
  return (service: string, account: string) => new KeyringSecretStore(service, account);
}

/** The connection string with the password `library login` stored, when it has none of its own. */
async function databaseUrl(options: TeamOptions): Promise<string> {
  const url = await namedDatabase(options);
  const [{ withStoredPassword }, { KeychainUnavailableError }] = await Promise.all([
    import('../core/library/team/team-credentials'),
    import('../core/secrets/secret-store'),
  ]);
  try {
    return await withStoredPassword(url, await keychain());
  } catch (err) {
    // No keychain here: the server may still need no password (trust, .pgpass, PGPASSWORD).
    if (err instanceof KeychainUnavailableError) return url;
    throw err;
  }
}

async function folderOf(options: TeamOptions, required: true): Promise<string>;
async function folderOf(options: TeamOptions, required: false): Promise<string | null>;
async function folderOf(options: TeamOptions, required: boolean): Promise<string | null> {
  const { sharedFolder } = await target(options);
  if (sharedFolder === null) {
    if (!required) return null;
    throw new SeedbankError(
      'INVALID_INPUT',
      'No shared folder named: pass --folder DIR, set SEEDBANK_TEAM_FOLDER, or choose Team in Settings → Library',
      'folder',
    );
  }
  return path.resolve(sharedFolder);
}

const withTeamOptions = (command: Command): Command =>
  command
    .option('--database <url>', 'the team database (default: $SEEDBANK_DATABASE_URL, then Settings → Library)')
    .option('--folder <dir>', 'the shared folder (default: $SEEDBANK_TEAM_FOLDER, then Settings → Library)')
    .option('--json', 'print the outcome as JSON');

function migrateSubcommand(): Command {
  return withTeamOptions(
    new Command('migrate').description(
      "Create or upgrade the team database's schema (back it up first), and give the shared folder its library id",
    ),
  ).action(async (options: TeamOptions) => {
    const { migrateTeamDatabase, claimFolder } = await import('../core/library/team/team-migrate');
    const url = await databaseUrl(options);
    const folder = await folderOf(options, false);
    const result = await migrateTeamDatabase(url);
    const claimed = folder === null ? null : await claimFolder(folder, result.libraryId);
    if (options.json) process.stdout.write(`${JSON.stringify({ ...result, folder, claimed })}\n`);
    else {
      process.stdout.write(
        result.from === result.to
          ? `The team database is at schema version ${result.to} already; nothing to migrate.\n`
          : `Migrated the team database from schema version ${result.from} to ${result.to}.\n`,
      );
      process.stdout.write(`Library id: ${result.libraryId}\n`);
      if (folder !== null)
        process.stdout.write(
          claimed === 'written' ? `Gave ${folder} this library's id.\n` : `${folder} belongs to this library.\n`,
        );
    }
  });
}

function checkSubcommand(): Command {
  return withTeamOptions(
    new Command('check').description(
      'Test a team library: the connection, the schema version, write access to the folder, and that they belong together',
    ),
  ).action(async (options: TeamOptions) => {
    const { testTeamConnection } = await import('../core/library/team/team-connect');
    const checks = await testTeamConnection(await databaseUrl(options), await folderOf(options, true));
    if (options.json) process.stdout.write(`${JSON.stringify({ checks })}\n`);
    else
      for (const check of checks)
        process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.message}\n`);
    process.exitCode = checks.every((check) => check.ok) ? EXIT.ok : EXIT.other;
  });
}

async function openTeam(options: TeamOptions) {
  const { TeamLibraryStore } = await import('../core/library/team/team-store');
  // The CLI shows no images: an asset URL is never followed.
  return TeamLibraryStore.open({
    url: await databaseUrl(options),
    folder: await folderOf(options, true),
    assetUrl: (p) => p,
  });
}

function pushSubcommand(): Command {
  return withTeamOptions(
    new Command('push').description(
      "Copy this computer's library (rows and files) into the team library; safe to run again or after an interruption",
    ),
  ).action(async (options: TeamOptions) => {
    const [{ pushLibrary }, { openDatabase }, { appPaths, defaultHome, resolveHome }, { removeTempLeftovers }, log] =
      await Promise.all([
        import('../core/library/team/team-push'),
        import('../core/library/db/database'),
        import('../core/paths'),
        import('../core/library/files/temp-leftovers'),
        import('../core/logging/logger'),
      ]);
    const team = await openTeam(options);
    const folder = await folderOf(options, true);
    const home = resolveHome(process.env, () => defaultHome(process.env));
    const db = openDatabase(appPaths(home).database);
    try {
      // A push killed mid-file leaves that file's temporary copy (the final name is whole or absent):
      // the next run removes the stale ones, by the library's own rule (older than a minute).
      await removeTempLeftovers(folder, new Date(), log.silentLogger, new AbortController().signal);
      const report = await pushLibrary({ db, home }, team, folder, (progress) => {
        if (!options.json)
          process.stderr.write(
            `${progress.pushed + progress.alreadyThere + progress.skipped.length}/${progress.total}\r`,
          );
      });
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        process.stdout.write(
          `Pushed ${report.pushed} of ${report.total} images; ${report.alreadyThere} were in the team library already.\n`,
        );
        for (const { id, reason } of report.skipped) process.stdout.write(`Skipped ${id}: ${reason}\n`);
      }
      process.exitCode = report.skipped.length > 0 ? EXIT.other : EXIT.ok;
    } finally {
      db.close();
      await team.close();
    }
  });
}

function emptyTrashSubcommand(): Command {
  return withTeamOptions(new Command('empty-trash').description("Delete the team trash's images for good (asks first)"))
    .option('--yes', 'do not ask')
    .action(async (options: TeamOptions & { yes?: boolean }) => {
      const { confirm } = await import('./confirm');
      const team = await openTeam(options);
      try {
        const count = await team.trashCount();
        if (count === 0) {
          process.stdout.write(options.json ? `${JSON.stringify({ removed: 0 })}\n` : 'The team trash is empty.\n');
          return;
        }
        const yes = await confirm(
          `Delete the ${count} image${count === 1 ? '' : 's'} in the team trash for good, for everyone?`,
          { yes: options.yes === true },
        );
        if (!yes)
          throw new CliError(
            'Not confirmed; nothing was deleted. Run with --yes to delete without asking.',
            EXIT.invalid,
          );
        const removed = await team.emptyTrash();
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ removed: removed.length })}\n`
            : `Deleted ${removed.length} images for good.\n`,
        );
      } finally {
        await team.close();
      }
    });
}

function loginSubcommand(): Command {
  return new Command('login')
    .description(
      "Keep the team database's password in the OS keychain (read from stdin), so connection strings need none",
    )
    .option('--database <url>', 'the team database, without the password (default: $SEEDBANK_DATABASE_URL)')
    .option('--forget', 'remove the stored password instead')
    .action(async (options: TeamOptions & { forget?: boolean }) => {
      const { forgetPassword, rememberPassword, withoutPassword } =
        await import('../core/library/team/team-credentials');
      const url = await namedDatabase(options);
      if (options.forget) {
        await forgetPassword(url, await keychain());
        process.stdout.write(`Forgot the password of ${withoutPassword(url)}.\n`);
        return;
      }
      const { readFirstLine } = await import('./confirm');
      const password = (await readFirstLine()).replace(/\r$/, '');
      if (password === '')
        throw new CliError(
          'No password on stdin: pipe it in, e.g. `seedbank library login < password.txt`',
          EXIT.invalid,
        );
      const parsed = new URL(withoutPassword(url));
      parsed.password = encodeURIComponent(password);
      const kept = await rememberPassword(parsed.toString(), await keychain());
      process.stdout.write(`The password is in the keychain; connect with ${kept}\n`);
    });
}

export function libraryCommand(version: string): Command {
  return new Command('library')
    .description('The team library on PostgreSQL: migrate its schema, check a connection, push a library into it')
    .version(version)
    .addCommand(migrateSubcommand())
    .addCommand(checkSubcommand())
    .addCommand(pushSubcommand())
    .addCommand(emptyTrashSubcommand())
    .addCommand(loginSubcommand());
}
