/**
 * `seedbank rebuild` and `seedbank import DIR`: thin doors to the library's own maintenance
 * functions (rebuild the index from the image files; import images that carry a record).
 */
import { Command } from 'commander';
import { importDirectory } from '../core/library/maintenance/import';
import { rebuildLibrary } from '../core/library/maintenance/rebuild';
import type { TaskOutcome } from '../core/library/maintenance/tasks';
import { EXIT } from './exit-codes';
import { withSession } from './session';

function report(outcome: TaskOutcome, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
  else process.stdout.write(`${outcome.message}\n`);
  process.exitCode = outcome.failed > 0 ? EXIT.other : EXIT.ok;
}

export function libraryCommands(version: string): Command[] {
  const rebuild = new Command('rebuild')
    .description('Rebuild the library index from the image files and their embedded records')
    .version(version)
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { json?: boolean }) => {
      await withSession(async (session) => report(await rebuildLibrary(session.core.ctx), options.json === true));
    });
  const importer = new Command('import')
    .description('Import the images in a folder (their embedded records are kept)')
    .version(version)
    .argument('<dir>', 'the folder to import')
    .option('--json', 'print the outcome as JSON')
    .action(async (directory: string, options: { json?: boolean }) => {
      await withSession(async (session) =>
        report(await importDirectory(session.core.ctx, directory), options.json === true),
      );
    });
  return [rebuild, importer];
}
