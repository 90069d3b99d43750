/**
 * Import as a person runs it: `importFolder` (import.ts) does the work; this turns its outcome
 * into the report the app and the CLI show (imported, duplicates skipped, unreadable with
 * reasons) and writes the import's log to the app's logs folder, so the reasons for every
 * skipped file can be opened later — the answer itself carries only the first few hundred.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { REPORTED_UNREADABLE, importProgressLine, type ImportReport } from '../../../../shared/import-report';
import { writeFileAtomic } from '../../metadata';
import { importFolder, type ImportOutcome } from './import';
import type { MaintenanceDeps } from './reconcile';
import type { TaskOutcome, TaskReporter } from './tasks';

/** Import logs kept in the logs folder; older ones are removed when a new one is written. */
const KEPT_IMPORT_LOGS = 20;
const LOG_PREFIX = 'import-';

export interface ImportTaskDeps extends MaintenanceDeps {
  logsDir: string;
}

export function importLogText(
  report: Omit<ImportReport, 'logFile'>,
  allUnreadable: ImportOutcome['unreadable'],
  at: Date,
): string {
  const lines = [
    `Seedbank import ${at.toISOString()}`,
    `Folder: ${report.source}`,
    report.cancelled ? 'Cancelled before the end.' : 'Finished.',
    importProgressLine(report),
    ...Object.entries(report.byTool).map(([tool, count]) => `  ${tool}: ${count}`),
    '',
    `Unreadable (${allUnreadable.length}):`,
    ...allUnreadable.map(({ file, reason }) => `  ${file}: ${reason}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function writeImportLog(logsDir: string, text: string, at: Date): Promise<string> {
  await mkdir(logsDir, { recursive: true });
  const file = path.join(logsDir, `${LOG_PREFIX}${at.toISOString().replace(/[:.]/g, '-')}.log`);
  await writeFileAtomic(file, text);
  // ISO times sort by name: everything before the newest KEPT goes.
  const logs = (await readdir(logsDir)).filter((name) => name.startsWith(LOG_PREFIX) && name.endsWith('.log')).sort();
  for (const old of logs.slice(0, Math.max(0, logs.length - KEPT_IMPORT_LOGS))) {
    await rm(path.join(logsDir, old), { force: true });
  }
  return file;
}

/** Runs an import and answers with its report; the log is written even when cancelled. */
export async function runImport(deps: ImportTaskDeps, directory: string, reporter: TaskReporter): Promise<TaskOutcome> {
  const outcome = await importFolder(deps, directory, reporter);
  const at = deps.now();
  const base: Omit<ImportReport, 'logFile'> = {
    source: path.resolve(directory),
    seen: outcome.seen,
    imported: outcome.imported,
    duplicates: outcome.duplicates,
    unreadable: outcome.unreadable.length,
    byTool: outcome.byTool,
    unreadableFiles: outcome.unreadable.slice(0, REPORTED_UNREADABLE),
    cancelled: reporter.signal.aborted,
  };
  const logFile = await writeImportLog(deps.logsDir, importLogText(base, outcome.unreadable, at), at).catch(
    (err: unknown) => {
      deps.logger.warn('could not write the import log', { error: String(err) });
      return null;
    },
  );
  return { done: outcome.done, failed: outcome.failed, message: outcome.message, import: { ...base, logFile } };
}
