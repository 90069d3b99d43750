/**
 * `seedbank retry ID`: sends a stopped job again as a new job, after asking (or `--yes`), and
 * waits for it like `generate`. The question says plainly when the earlier attempt may already
 * have been charged: its outcome is `unknown`, or BFL had accepted it.
 */
import { Command } from 'commander';
import type { Job } from '../../shared/types';
import { confirm } from './confirm';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import { reportJobs } from './report';
import { withSession } from './session';

interface RetryOptions {
  yes?: boolean;
  json?: boolean;
}

/** What the person is asked: what happened to the job, whether it may have been charged, the cost. */
export function retryQuestion(job: Job): string {
  const why = job.error ? `: ${job.error.message.replace(/[.\s]+$/, '')}` : '';
  const lines = [`Job ${job.id} (${job.status})${why}.`];
  if (job.status === 'unknown')
    lines.push('The earlier attempt may have been charged: BFL may have accepted it. Sending it again may cost twice.');
  else if (job.taskId !== null)
    lines.push(`The earlier attempt may have been charged: BFL accepted it (task ${job.taskId}).`);
  const cost = job.estimatedCost === null ? '' : ` (about ${job.estimatedCost} credits)`;
  lines.push(`Send it again as a new job${cost}?`);
  return lines.join('\n');
}

export async function runRetry(id: string, options: RetryOptions): Promise<ExitCode> {
  return withSession(async (session) => {
    const [job] = await session.call('jobs:list', { ids: [id], limit: 1 });
    if (!job) throw new CliError(`No job ${id}; \`seedbank jobs\` lists them.`, EXIT.invalid);
    if (!(await confirm(retryQuestion(job), { yes: options.yes === true }))) {
      throw new CliError(
        'Not confirmed; nothing was sent. Run with --yes to send it again without asking.',
        EXIT.invalid,
      );
    }
    const fresh = await session.call('jobs:retry', { id: job.id, confirmResubmit: true });
    process.stderr.write(`Sent again as job ${fresh.id}.\n`);
    return reportJobs(session, [fresh.id], { json: options.json === true });
  });
}

export function retryCommand(version: string): Command {
  return new Command('retry')
    .description('Send a stopped job again as a new job (asks first: it may cost again)')
    .version(version)
    .argument('<id>', 'the job id (`seedbank jobs` lists them)')
    .option('--yes', 'do not ask; send it again')
    .option('--json', 'print one JSON object for the new job on stdout')
    .action(async (id: string, options: RetryOptions) => {
      process.exitCode = await runRetry(id, options);
    });
}
