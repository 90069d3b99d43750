/**
 * Long work (rebuild, reconcile, import, export, thumbnails) as cancellable tasks that report
 * progress on the bus as `tasks:progress`. Progress is emitted about a hundred times per task at
 * most, by count rather than by clock, so a 100,000-file rebuild does not flood the window.
 */
import type { LongTaskResult } from '../../../../shared/api';
import type { ImportCounts, ImportReport } from '../../../../shared/import-report';
import type { TaskProgress } from '../../../../shared/types';
import type { EventBus } from '../../events';
import { newId } from '../../ids';
import { PauseGate } from './pause-gate';

export type TaskKind = TaskProgress['kind'];

export interface TaskReporter {
  readonly signal: AbortSignal;
  /** Reports `done` of `total` (and an import's counts); cheap to call for every item. */
  progress(done: number, total: number, message?: string | null, counts?: ImportCounts): void;
  /** Resolves at once unless the person paused the task; work awaits it between items. */
  whilePaused?(): Promise<void>;
}

export interface TaskOutcome {
  done: number;
  failed: number;
  message: string;
  /** An import's summary, passed on in the answer. */
  import?: ImportReport;
}

export type ProgressCallback = (progress: TaskProgress) => void;

/** A reporter for plain function calls (the CLI): progress goes to a callback, not the bus. */
export function createReporter(
  kind: TaskKind,
  taskId: string,
  signal: AbortSignal,
  onProgress: ProgressCallback | undefined,
  gate: PauseGate = new PauseGate(signal),
): TaskReporter & { last: () => TaskProgress } {
  let lastDone = -1;
  let last: TaskProgress = { taskId, kind, done: 0, total: 0, finished: false, message: null };
  return {
    signal,
    progress(done, total, message = null, counts) {
      last = { taskId, kind, done, total, finished: false, message, ...(counts ? { counts: { ...counts } } : {}) };
      const step = Math.max(1, Math.floor(total / 100));
      if (done !== total && done !== 0 && done - lastDone < step) return;
      lastDone = done;
      onProgress?.({ ...last, paused: gate.paused });
    },
    whilePaused: () => gate.wait(),
    last: () => last,
  };
}

interface RunningTask {
  controller: AbortController;
  gate: PauseGate;
  /** The latest progress, re-sent when the task is paused or resumed. */
  last: () => TaskProgress;
}

export class TaskRegistry {
  private readonly running = new Map<string, RunningTask>();

  constructor(private readonly bus: EventBus) {}

  async run(
    kind: TaskKind,
    work: (reporter: TaskReporter) => Promise<TaskOutcome>,
    parent?: AbortSignal,
  ): Promise<LongTaskResult> {
    const taskId = newId();
    const controller = new AbortController();
    const onParentAbort = () => controller.abort();
    parent?.addEventListener('abort', onParentAbort, { once: true });
    const gate = new PauseGate(controller.signal);
    const emit = (progress: TaskProgress) => this.bus.emit('tasks:progress', progress);
    const reporter = createReporter(kind, taskId, controller.signal, emit, gate);
    this.running.set(taskId, { controller, gate, last: reporter.last });
    emit({ taskId, kind, done: 0, total: 0, finished: false, message: null });
    try {
      const outcome = await work(reporter);
      const message = controller.signal.aborted ? `Cancelled: ${outcome.message}` : outcome.message;
      const counts = outcome.import ? { counts: pickCounts(outcome.import) } : {};
      emit({
        taskId,
        kind,
        done: outcome.done,
        total: outcome.done + outcome.failed,
        finished: true,
        message,
        ...counts,
      });
      return {
        taskId,
        done: outcome.done,
        failed: outcome.failed,
        message,
        ...(outcome.import ? { import: outcome.import } : {}),
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      emit({ taskId, kind, done: 0, total: 0, finished: true, message });
      throw err;
    } finally {
      parent?.removeEventListener('abort', onParentAbort);
      this.running.delete(taskId);
    }
  }

  cancel(taskId: string): boolean {
    const task = this.running.get(taskId);
    if (!task) return false;
    task.controller.abort();
    return true;
  }

  /** Pauses or resumes a running task between items; false when no such task runs. */
  setPaused(taskId: string, paused: boolean): boolean {
    const task = this.running.get(taskId);
    if (!task) return false;
    if (paused) task.gate.pause();
    else task.gate.resume();
    // Said at once, not at the next item: a paused task reports nothing until resumed.
    this.bus.emit('tasks:progress', { ...task.last(), paused: task.gate.paused });
    return true;
  }

  cancelAll(): void {
    for (const task of this.running.values()) task.controller.abort();
  }
}

function pickCounts({ seen, imported, duplicates, unreadable }: ImportCounts): ImportCounts {
  return { seen, imported, duplicates, unreadable };
}
