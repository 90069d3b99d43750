/** `seedbank credits`: the account's balance, with the key in use. */
import { Command } from 'commander';
import { withSession } from './session';

export function creditsCommand(version: string): Command {
  return new Command('credits')
    .description('Show the BFL account balance')
    .version(version)
    .action(async () => {
      await withSession(async (session) => {
        const { credits } = await session.call('credits:get');
        process.stdout.write(`${credits}\n`);
      }, 'account');
    });
}
