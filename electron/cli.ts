/**
 * The `seedbank` command: one more front door to the same core as the app (same handlers, same
 * database, same jobs). Errors are one line on stderr, never a stack trace; the log goes to the
 * log file in the app-data folder, and an unexpected failure's line names that file.
 */
import { Command, CommanderError } from 'commander';
import { SeedbankError } from '../shared/errors';
import { APP_VERSION } from '../shared/version';
import { createFileLogger } from './core/logging/logger';
import { appPaths, defaultHome, resolveHome } from './core/paths';
import { cancelCommand } from './cli/cancel';
import { creditsCommand } from './cli/credits';
import { doctorCommand } from './cli/doctor';
import { CliError, EXIT, exitCodeForError } from './cli/exit-codes';
import { generateCommand } from './cli/generate';
import { historyCommand } from './cli/history';
import { keyCommand } from './cli/key';
import { libraryCommands } from './cli/library-commands';
import { resumeCommand } from './cli/resume';

function program(): Command {
  const root = new Command('seedbank')
    .description('FLUX image generation through the Black Forest Labs API, with a local library')
    .version(APP_VERSION)
    .showHelpAfterError(false)
    .exitOverride();
  const commands = [
    generateCommand(APP_VERSION),
    resumeCommand(APP_VERSION),
    cancelCommand(APP_VERSION),
    historyCommand(APP_VERSION),
    keyCommand(APP_VERSION),
    creditsCommand(APP_VERSION),
    doctorCommand(APP_VERSION),
    ...libraryCommands(APP_VERSION),
  ];
  for (const command of commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
    root.addCommand(command);
  }
  return root;
}

function fail(message: string, code: number): never {
  // One line, whatever the error's own text looks like.
  process.stderr.write(`seedbank: ${message.replace(/\s*\n\s*/g, ' ').replace(/\s+$/, '')}\n`);
  process.exit(code);
}

/**
 * An exit 1 is the one a person cannot act on from the message alone: the stack goes to the log
 * file (stderr stays one line), and the line says where that file is.
 */
function failUnexpected(err: unknown): never {
  const message = (err instanceof Error ? err.message : String(err)).replace(/[\s.]+$/, '');
  let pointer = '';
  try {
    const home = resolveHome(process.env, () => defaultHome(process.env));
    const logger = createFileLogger({ directory: appPaths(home).logsDir, echo: false });
    logger.error('command failed', { error: err, stack: err instanceof Error ? err.stack : undefined });
    pointer = ` (details in the log: ${logger.file})`;
  } catch {
    // The app-data folder cannot be written either: the message alone has to do.
  }
  fail(`${message}.${pointer}`, EXIT.other);
}

async function main(): Promise<void> {
  try {
    await program().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; commander has already printed them.
      if (err.exitCode === 0) process.exit(0);
      process.exit(EXIT.invalid);
    }
    const code =
      err instanceof CliError ? err.exitCode : err instanceof SeedbankError ? exitCodeForError(err.code) : EXIT.other;
    if (code === EXIT.other) failUnexpected(err);
    fail(err instanceof Error ? err.message : String(err), code);
  }
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
}

void main();
