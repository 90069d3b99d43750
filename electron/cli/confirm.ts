/**
 * Asks a person before something that spends money: the question on stderr (stdout stays for
 * `--json`), the answer from stdin's first line. Only "y" or "yes" is a yes; no answer (stdin
 * closed or empty, as in a script) is a no. `--yes` answers for the person.
 */
import readline from 'node:readline';

/** The first line of stdin ('' when stdin is closed or empty). */
export async function readFirstLine(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

export async function confirm(question: string, options: { yes?: boolean } = {}): Promise<boolean> {
  if (options.yes === true) return true;
  process.stderr.write(`${question} [y/N] `);
  const answer = (await readFirstLine()).trim();
  if (!process.stdin.isTTY) process.stderr.write('\n');
  return /^y(es)?$/i.test(answer);
}
