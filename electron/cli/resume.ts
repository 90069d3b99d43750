/**
 * `seedbank resume`: finishes every unfinished job — after a crash, a killed terminal or a
 * closed laptop. Paused jobs are tried again at once. Jobs another live process is working on are
 * waited for, not taken; a submit whose outcome is unknown is never re-sent (it becomes `unknown`).
 */
import { Command } from 'commander';
import { isPaused } from '../../shared/job-states';
import { EXIT, type ExitCode } from './exit-codes';
import { reportJobs } from './report';
import { withSession } from './session';

export async function runResume(options: { json?: boolean }): Promise<ExitCode> {
  return withSession(async (session) => {
    const unfinished = session.core.runner.store.unfinished();
    const ids = unfinished.map((row) => row.id);
    if (ids.length === 0) {
      process.stderr.write('Nothing to resume: no unfinished jobs.\n');
      return EXIT.ok;
    }
    process.stderr.write(`Resuming ${ids.length} unfinished job(s).\n`);
    // Running `resume` is the person saying the cause of a pause is fixed: try paused jobs now.
    for (const row of unfinished) if (isPaused(row.status)) await session.call('jobs:resume', { id: row.id });
    session.core.runner.start();
    return reportJobs(session, ids, { json: options.json === true });
  });
}

export function resumeCommand(version: string): Command {
  return new Command('resume')
    .description('Finish every unfinished job (nothing is submitted twice)')
    .version(version)
    .option('--json', 'print one JSON object per job on stdout')
    .action(async (options: { json?: boolean }) => {
      process.exitCode = await runResume(options);
    });
}
