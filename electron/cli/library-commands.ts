/**
 * `seedbank rebuild` and `seedbank import DIR`: thin doors to the library's own rebuild and
 * import (rebuild the index from the image files; import images that carry a record), through
 * the same channels the app's menu uses. Thumbnails they need are made by the app's next start.
 */
import path from 'node:path';
import { Command } from 'commander';
import type { LongTaskResult } from '../../shared/api';
import { EXIT } from './exit-codes';
import { importProgressPrinter, importSummaryText } from './import-progress';
import { withSession } from './session';

function report({ done, failed, message, import: summary }: LongTaskResult, json: boolean): void {
  if (json)
    process.stdout.write(`${JSON.stringify({ done, failed, message, ...(summary ? { import: summary } : {}) })}\n`);
  else process.stdout.write(`${message}\n`);
  process.exitCode = failed > 0 ? EXIT.other : EXIT.ok;
}

export function rebuildCommand(version: string): Command {
  return new Command('rebuild')
    .description('Rebuild the library index from the image files and their embedded records')
    .version(version)
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { json?: boolean }) => {
      await withSession(async (session) => report(await session.call('library:rebuild'), options.json === true));
    });
}

export function importCommand(version: string): Command {
  return new Command('import')
    .description(
      'Import the images in a folder (their embedded records are kept); Ctrl+C stops it between files with a summary',
    )
    .version(version)
    .argument('<dir>', 'the folder to import')
    .option('--json', 'print the outcome as JSON (progress still goes to stderr)')
    .option('--quiet', 'print no progress')
    .action(async (directory: string, options: { json?: boolean; quiet?: boolean }) => {
      await withSession(async (session) => {
        const printer = importProgressPrinter(options.quiet ? null : process.stderr);
        const off = session.onEvent((channel, payload) => printer.listener(channel, payload));
        // The first Ctrl+C cancels between files, so the summary and the log still come; a
        // second one is the default (immediate exit).
        const cancel = () => {
          const taskId = printer.taskId();
          if (taskId) void session.call('library:cancelTask', { taskId });
        };
        process.once('SIGINT', cancel);
        try {
          const result = await session.call('library:import', { directory: path.resolve(directory) });
          printer.end();
          if (options.json === true) report(result, true);
          else {
            process.stdout.write(importSummaryText(result));
            process.exitCode = result.failed > 0 ? EXIT.other : EXIT.ok;
          }
        } finally {
          printer.end();
          process.removeListener('SIGINT', cancel);
          off();
        }
      });
    });
}
