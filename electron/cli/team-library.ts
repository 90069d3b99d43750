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
import { EXIT } from './exit-codes';

interface TeamOptions {
  database?: string;
  folder?: string;
  json?: boolean;
}

function databaseUrl(options: TeamOptions): string {
  const url = options.database ?? process.env.SEEDBANK_DATABASE_URL;
  if (!url)
    throw new SeedbankError(
      'INVALID_INPUT',
      'No team database named: pass --database postgres://… or set SEEDBANK_DATABASE_URL',
      'database',
    );
  return url;
}

function folderOf(options: TeamOptions, required: true): string;
function folderOf(options: TeamOptions, required: false): string | null;
function folderOf(options: TeamOptions, required: boolean): string | null {
  const folder = options.folder ?? process.env.SEEDBANK_TEAM_FOLDER;
  if (!folder) {
    if (!required) return null;
    throw new SeedbankError(
      'INVALID_INPUT',
      'No shared folder named: pass --folder DIR or set SEEDBANK_TEAM_FOLDER',
      'folder',
    );
  }
  return path.resolve(folder);
}

const withTeamOptions = (command: Command): Command =>
  command
    .option('--database <url>', 'the team database (default: $SEEDBANK_DATABASE_URL)')
    .option('--folder <dir>', 'the shared folder (default: $SEEDBANK_TEAM_FOLDER)')
    .option('--json', 'print the outcome as JSON');

function migrateSubcommand(): Command {
  return withTeamOptions(
    new Command('migrate').description(
      "Create or upgrade the team database's schema (back it up first), and give the shared folder its library id",
    ),
  ).action(async (options: TeamOptions) => {
    const { migrateTeamDatabase, claimFolder } = await import('../core/library/team/team-migrate');
    const url = databaseUrl(options);
    const folder = folderOf(options, false);
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
    const checks = await testTeamConnection(databaseUrl(options), folderOf(options, true));
    if (options.json) process.stdout.write(`${JSON.stringify({ checks })}\n`);
    else
      for (const check of checks)
        process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.message}\n`);
    process.exitCode = checks.every((check) => check.ok) ? EXIT.ok : EXIT.other;
  });
}

export function libraryCommand(version: string): Command {
  return new Command('library')
    .description('The team library on PostgreSQL: migrate its schema, check a connection')
    .version(version)
    .addCommand(migrateSubcommand())
    .addCommand(checkSubcommand());
}
