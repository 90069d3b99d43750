/**
 * `seedbank import`'s running progress and final summary, in the same words as the studio's
 * import dialog (shared/import-report.ts). Progress goes to stderr — rewritten in place on a
 * terminal, one line per update otherwise — so stdout carries only the outcome (or its JSON).
 */
import type { EventChannel, LongTaskResult } from '../../shared/api';
import { importProgressLine } from '../../shared/import-report';
import type { TaskProgress } from '../../shared/types';

export interface ProgressPrinter {
  /** The running import's id, from its first progress event (for Ctrl+C to cancel it). */
  taskId(): string | null;
  listener(channel: EventChannel, payload: unknown): void;
  /** Ends the rewritten line, so what follows starts on its own. */
  end(): void;
}

/** `stream` null prints nothing (`--quiet`) but still learns the task's id. */
export function importProgressPrinter(stream: NodeJS.WriteStream | null): ProgressPrinter {
  let taskId: string | null = null;
  let pending = false;
  return {
    taskId: () => taskId,
    listener(channel, payload) {
      if (channel !== 'tasks:progress') return;
      const progress = payload as TaskProgress;
      if (progress.kind !== 'import' || progress.finished) return;
      taskId ??= progress.taskId;
      if (!stream || progress.taskId !== taskId || !progress.counts) return;
      const line = importProgressLine(progress.counts);
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line}`);
        pending = true;
      } else stream.write(`${line}\n`);
    },
    end() {
      if (pending) stream?.write('\n');
      pending = false;
    },
  };
}

/** The summary for people: the outcome line, each unreadable file with its reason, and the log. */
export function importSummaryText(result: LongTaskResult): string {
  const report = result.import;
  if (!report) return `${result.message}\n`;
  const lines = [result.message];
  if (report.unreadableFiles.length > 0) {
    lines.push('Could not be read:');
    for (const { file, reason } of report.unreadableFiles) lines.push(`  ${file}: ${reason}`);
    const more = report.unreadable - report.unreadableFiles.length;
    if (more > 0) lines.push(`  … and ${more} more (see the log)`);
  }
  if (report.logFile) lines.push(`Log: ${report.logFile}`);
  return `${lines.join('\n')}\n`;
}
