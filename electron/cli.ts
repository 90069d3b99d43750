/**
 * The `seedbank` command: one more front door to the same core as the app (same dispatcher,
 * same database, same jobs). Errors are one line on stderr, never a stack trace; the log goes to
 * the log file in the app-data folder, and an unexpected failure's line names that file.
 *
 * Start-up runs commander and this file only. Each command is a module under `cli/` exporting
 * `xxxCommand(version): Command`, imported only when it is the command asked for (all of them
 * for `--help` or an unknown name); each opens only the part of the core it needs
 * (`withSession(work, scope)`). Adding a command is one module and one line in COMMANDS. The
 * build puts all of it in one file, where each `import()` runs its module when first asked
 * (`scripts/build-node.mjs` says why).
 */
import { Command, CommanderError } from 'commander';
import { SeedbankError } from '../shared/errors';
import { APP_VERSION } from '../shared/version';
import { createFileLogger } from './core/logging/logger';
import { appPaths, defaultHome, resolveHome } from './core/paths';
import { CliError, EXIT, exitCodeForError } from './cli/exit-codes';

/** Every command, in the order `--help` lists them. */
const COMMANDS: Record<string, (version: string) => Promise<Command>> = {
  generate: async (v) => (await import('./cli/generate')).generateCommand(v),
  resume: async (v) => (await import('./cli/resume')).resumeCommand(v),
  jobs: async (v) => (await import('./cli/jobs')).jobsCommand(v),
  retry: async (v) => (await import('./cli/retry')).retryCommand(v),
  cancel: async (v) => (await import('./cli/cancel')).cancelCommand(v),
  history: async (v) => (await import('./cli/history')).historyCommand(v),
  key: async (v) => (await import('./cli/key')).keyCommand(v),
  credits: async (v) => (await import('./cli/credits')).creditsCommand(v),
  doctor: async (v) => (await import('./cli/doctor')).doctorCommand(v),
  rebuild: async (v) => (await import('./cli/library-commands')).rebuildCommand(v),
  import: async (v) => (await import('./cli/library-commands')).importCommand(v),
  export: async (v) => (await import('./cli/export')).exportCommand(v),
  library: async (v) => (await import('./cli/team-library')).libraryCommand(v),
};

/** The commands this run needs: the one named, none for a bare `--version`, else all (help, errors). */
function commandsFor(args: readonly string[]): string[] {
  const named = args.find((arg) => !arg.startsWith('-'));
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) return [named];
  if (named === undefined && args.length > 0 && args.every((arg) => arg === '--version' || arg === '-V')) return [];
  return Object.keys(COMMANDS);
}

async function program(args: readonly string[]): Promise<Command> {
  const root = new Command('seedbank')
    .description('FLUX image generation through the Black Forest Labs API, with a local library')
    .version(APP_VERSION)
    .showHelpAfterError(false)
    .exitOverride();
  const commands = await Promise.all(commandsFor(args).map((name) => COMMANDS[name]!(APP_VERSION)));
  for (const command of commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
    root.addCommand(command);
  }
  return root;
}

/**
 * Exits once what was written has left: `process.exit` alone drops stdout a pipe has not taken
 * yet (a `seedbank jobs --json | …` lost most of its lines), so each stream is flushed first.
 */
async function exitAfterFlush(code: number): Promise<never> {
  const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

async function fail(message: string, code: number): Promise<never> {
  // One line, whatever the error's own text looks like.
  process.stderr.write(`seedbank: ${message.replace(/\s*\n\s*/g, ' ').replace(/\s+$/, '')}\n`);
  return exitAfterFlush(code);
}

/**
 * An exit 1 is the one a person cannot act on from the message alone: the stack goes to the log
 * file (stderr stays one line), and the line says where that file is.
 */
async function failUnexpected(err: unknown): Promise<never> {
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
  return fail(`${message}.${pointer}`, EXIT.other);
}

async function main(): Promise<void> {
  try {
    await (await program(process.argv.slice(2))).parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; commander has already printed them.
      return exitAfterFlush(err.exitCode === 0 ? 0 : EXIT.invalid);
    }
    const code =
      err instanceof CliError ? err.exitCode : err instanceof SeedbankError ? exitCodeForError(err.code) : EXIT.other;
    if (code === EXIT.other) return failUnexpected(err);
    return fail(err instanceof Error ? err.message : String(err), code);
  }
  return exitAfterFlush(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
}

void main();
