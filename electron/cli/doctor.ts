/**
 * `seedbank doctor [--online] [--json]`: every check with ✓ or ✗ and, for a ✗, one line of what
 * to do. Exit 0 when nothing is ✗, else 1. The core's checks are the same ones Help →
 * Diagnostics shows in the app (`app:diagnostics`); Node and the Electron runtime are CLI-only.
 * Heavy modules load inside the action, so `seedbank --help` stays quick.
 */
import { Command } from 'commander';
import type { DiagnosticCheck, DiagnosticsReport } from '../../shared/diagnostics';

function render(check: DiagnosticCheck, width: number): string {
  const head = `${check.ok ? '✓' : '✗'} ${check.label.padEnd(width)}  ${check.detail}`;
  return check.fix ? `${head}\n  ${' '.repeat(width)}  → ${check.fix}` : head;
}

async function coreReport(online: boolean): Promise<DiagnosticCheck[]> {
  const { openSession } = await import('./session');
  let session;
  try {
    session = await openSession('library');
  } catch (err) {
    // The core could not even open (unwritable folder, damaged database): that is the finding.
    const { defaultHome, resolveHome } = await import('../core/paths');
    const home = resolveHome(process.env, () => defaultHome(process.env));
    return [
      {
        id: 'app-data',
        label: 'App-data folder',
        ok: false,
        detail: `${home}: ${err instanceof Error ? err.message : String(err)}`,
        fix: 'Make the folder writable, or point SEEDBANK_HOME at another folder.',
      },
    ];
  }
  try {
    const report = await session.call('app:diagnostics', { online });
    return report.checks;
  } finally {
    await session.close();
  }
}

export function doctorCommand(version: string): Command {
  return new Command('doctor')
    .description('Check what Seedbank needs: Node, Electron, keychain, key, app-data folder, database, log')
    .version(version)
    .option('--online', 'also check the API host, the key and the credits (sends one request to BFL)')
    .option('--json', 'print one JSON object instead of lines')
    .action(async (options: { online?: boolean; json?: boolean }) => {
      const { electronRuntimeCheck, nodeCheck } = await import('./doctor-checks');
      const online = Boolean(options.online);
      const checks = [nodeCheck(), await electronRuntimeCheck(process.env), ...(await coreReport(online))];
      const report: DiagnosticsReport = { ok: checks.every((c) => c.ok), online, checks };
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        const width = Math.max(...checks.map((c) => c.label.length));
        process.stdout.write(`${checks.map((c) => render(c, width)).join('\n')}\n`);
        if (!online) process.stdout.write('(add --online to check the API host, the key and the credits)\n');
      }
      process.exitCode = report.ok ? 0 : 1;
    });
}
