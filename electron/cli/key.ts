/**
 * `seedbank key set|status|clear`. The key is read from stdin only — never from an argument,
 * where it would land in shell history and in every process listing.
 */
import { Command } from 'commander';
import type { KeyStatus } from '../../shared/types';
import { CliError, EXIT } from './exit-codes';
import { withSession } from './session';

async function readKeyFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Paste your BFL API key, then press Enter and Ctrl-D: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const key = Buffer.concat(chunks).toString('utf8').trim();
  if (!key) throw new CliError('No key on stdin. Example: seedbank key set < key.txt', EXIT.invalid);
  return key;
}

function describe(status: KeyStatus): string {
  const where = status.source === 'env' ? 'from BFL_API_KEY' : status.source === 'keychain' ? 'in the OS keychain' : '';
  const head = status.hasKey ? `Key set ${where} (…${status.last4 ?? ''}).` : 'No key set.';
  return status.message ? `${head} ${status.message}` : head;
}

export function keyCommand(version: string): Command {
  const key = new Command('key').description('Manage the BFL API key (kept in the OS keychain)').version(version);
  key
    .command('set')
    .description('Store the key read from stdin in the OS keychain')
    .version(version)
    .action(async () => {
      const value = await readKeyFromStdin();
      await withSession(async (session) => {
        process.stdout.write(`${describe(await session.call('key:set', { key: value }))}\n`);
      }, 'key');
    });
  key
    .command('status')
    .description('Say whether a key is set (never prints it)')
    .version(version)
    .action(async () => {
      await withSession(async (session) => {
        const status = await session.call('key:status');
        process.stdout.write(`${describe(status)}\n`);
        if (!status.hasKey) process.exitCode = EXIT.key;
      }, 'key');
    });
  key
    .command('clear')
    .description('Remove the key from the OS keychain')
    .version(version)
    .action(async () => {
      await withSession(async (session) => {
        process.stdout.write(`${describe(await session.call('key:clear'))}\n`);
      }, 'key');
    });
  return key;
}
