/** `seedbank history`: library images, newest first, in the same shape `generate --json` prints. */
import { Command } from 'commander';
import { CliError, EXIT } from './exit-codes';
import { parseInteger } from './generation-options';
import { findProjectId } from './projects';
import { printLine } from './report';
import { generationLine } from './result-line';
import { withSession } from './session';

interface HistoryOptions {
  project?: string;
  search?: string;
  includeUpsampled?: boolean;
  limit?: string;
  json?: boolean;
}

export function historyCommand(version: string): Command {
  return new Command('history')
    .description('List library images, newest first')
    .version(version)
    .option('--project <name>', 'only this project')
    .option('--search <text>', 'full-text search over your prompts, tags and file names')
    .option('--include-upsampled', '--search also reads the prompt BFL rewrote (prompt upsampling)')
    .option('--limit <n>', 'at most this many (default 20)')
    .option('--json', 'one JSON object per image on stdout')
    .action(async (options: HistoryOptions) => {
      const limit = parseInteger('--limit', options.limit, 1, 500) ?? 20;
      await withSession(async (session) => {
        let projectId: string | undefined;
        if (options.project !== undefined) {
          const found = await findProjectId(session, options.project);
          if (found === null) throw new CliError(`--project: no project named "${options.project}"`, EXIT.invalid);
          projectId = found;
        }
        const filter = {
          ...(projectId !== undefined ? { projectId } : {}),
          ...(options.search ? { search: options.search } : {}),
          ...(options.includeUpsampled === true ? { searchUpsampled: true } : {}),
        };
        // No count of every match: nothing here shows it, and it costs more than the page.
        const page = await session.call('library:list', { filter, sort: 'newest', limit, count: false });
        // A page carries only what a gallery tile shows; each line needs the whole record (one
        // request for all of them, without the lineage `library:get` would add for each).
        const ids = page.items.map((item) => item.id);
        const records = ids.length > 0 ? await session.call('library:records', { ids }) : [];
        for (const generation of records) {
          printLine(generationLine(generation, session.home), { json: options.json === true });
        }
        if (!options.json && records.length === 0) process.stderr.write('No images.\n');
      });
    });
}
