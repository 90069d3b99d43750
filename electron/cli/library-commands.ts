/**
 * `seedbank rebuild` and `seedbank import DIR`: thin doors to the library's own rebuild and
 * import (rebuild the index from the image files; import images that carry a record), through
 * the same channels the app's menu uses. Thumbnails they need are made by the app's next start.
 */
import path from 'node:path';
import { Command } from 'commander';
import type { LongTaskResult } from '../../shared/api';
import { EXIT } from './exit-codes';
import { withSession } from './session';

function report({ done, failed, message }: LongTaskResult, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify({ done, failed, message })}\n`);
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
    .description('Import the images in a folder (their embedded records are kept)')
    .version(version)
    .argument('<dir>', 'the folder to import')
    .option('--json', 'print the outcome as JSON')
    .action(async (directory: string, options: { json?: boolean }) => {
      await withSession(async (session) =>
        report(await session.call('library:import', { directory: path.resolve(directory) }), options.json === true),
      );
    });
}
