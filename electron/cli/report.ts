/**
 * Waits for jobs and reports each one as it finishes (failures included): a JSON line on stdout
 * with `--json`, else a line for people. Returns the exit code the outcomes add up to.
 */
import type { Job } from '../../shared/types';
import { CliError, combineExitCodes, exitCodeForJob, type ExitCode } from './exit-codes';
import { generationLine, humanLine, jobLine, type ResultLine } from './result-line';
import type { CliSession } from './session';

export interface ReportOptions {
  json: boolean;
}

async function lineFor(session: CliSession, job: Job): Promise<ResultLine> {
  if (job.status === 'done' && job.generationId) {
    const detail = await session.call('library:get', { id: job.generationId }).catch((err: unknown) => {
      // Trashed or removed since (by the app, say): the job's own line still tells what was made.
      if (err instanceof CliError) return null;
      throw err;
    });
    if (detail) return generationLine(detail.generation, session.home, job.status);
  }
  return jobLine(job);
}

export function printLine(line: ResultLine, options: ReportOptions): void {
  if (options.json) process.stdout.write(`${JSON.stringify(line)}\n`);
  else if (line.status === 'done') process.stdout.write(`${humanLine(line)}\n`);
  else process.stderr.write(`${humanLine(line)}\n`);
}

export async function reportJobs(
  session: CliSession,
  ids: readonly string[],
  options: ReportOptions,
): Promise<ExitCode> {
  const outcomes = await Promise.all(
    ids.map(async (id) => {
      const [job] = await session.call('jobs:wait', { ids: [id] });
      if (!job) return null;
      printLine(await lineFor(session, job), options);
      return exitCodeForJob(job);
    }),
  );
  return combineExitCodes(outcomes.filter((c): c is ExitCode => c !== null));
}
