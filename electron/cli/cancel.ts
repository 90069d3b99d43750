/** `seedbank cancel ID`: stops a job; says whether its credits may already be spent. */
import { Command } from 'commander';
import { EXIT } from './exit-codes';
import { withSession } from './session';

export function cancelCommand(version: string): Command {
  return new Command('cancel')
    .description('Cancel a queued or running job')
    .version(version)
    .argument('<id>', 'the job id')
    .action(async (id: string) => {
      await withSession(async (session) => {
        const job = await session.call('jobs:cancel', { id });
        if (job.status === 'cancelled') {
          process.stdout.write(`Cancelled ${job.id}. ${job.error?.message ?? ''}\n`.replace(/ \n$/, '\n'));
          process.exitCode = EXIT.ok;
        } else {
          process.stderr.write(`Job ${job.id} is ${job.status}; nothing to cancel.\n`);
          process.exitCode = EXIT.other;
        }
      });
    });
}
