/**
 * `seedbank jobs`: every job with its state and the reason it stopped, newest first — the way
 * to find a job whose outcome is `unknown` (BFL may have accepted it) and retry or dismiss it.
 */
import { Command } from 'commander';
import type { Job } from '../../shared/types';
import { CliError, EXIT } from './exit-codes';
import { parseInteger } from './generation-options';
import { withSession } from './session';

interface JobsOptions {
  state?: string[];
  limit?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim())];

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One line for people: id, state, when (UTC), model, and why it stopped (else the prompt). */
export function jobRow(job: Job): string {
  const when = job.createdAt.slice(0, 16).replace('T', ' ');
  const why = job.error ? job.error.message : `"${clip(job.request.prompt.replace(/\s+/g, ' '), 60)}"`;
  return `${job.id}  ${job.status.padEnd(11)}  ${when}  ${job.request.model.padEnd(18)}  ${why}`;
}

export function jobsCommand(version: string): Command {
  return new Command('jobs')
    .description('List jobs with their state and why they stopped, newest first')
    .version(version)
    .option('--state <state>', 'only jobs in this state, e.g. unknown (repeatable, or comma-separated)', collect)
    .option('--limit <n>', 'at most this many (default 1000)')
    .option('--json', 'one JSON object per job on stdout')
    .action(async (options: JobsOptions) => {
      const limit = parseInteger('--limit', options.limit, 1, 10_000) ?? 1000;
      const states = (options.state ?? []).filter((s) => s !== '');
      await withSession(async (session) => {
        // One more than asked, to say when there are more (within the contract's 10,000).
        const jobs = await session
          .call('jobs:list', {
            limit: Math.min(limit + 1, 10_000),
            ...(states.length ? { states: states as Job['status'][] } : {}),
          })
          .catch((err: unknown) => {
            // The contract knows the states; its message names the one that is not.
            if (err instanceof CliError && err.exitCode === EXIT.invalid)
              throw new CliError(`--state: ${err.message.replace(/^states(\.\d+)?: /, '')}`, EXIT.invalid);
            throw err;
          });
        for (const job of jobs.slice(0, limit))
          process.stdout.write(`${options.json ? JSON.stringify(job) : jobRow(job)}\n`);
        if (jobs.length > limit) process.stderr.write(`Showing the newest ${limit}; --limit N shows more.\n`);
        if (jobs.length === 0 && !options.json) process.stderr.write('No jobs.\n');
      });
    });
}
