/**
 * Long work (rebuild, reconcile, import, export, thumbnails) as cancellable tasks that report
 * progress on the bus as `tasks:progress`. Progress is emitted about a hundred times per task at
 * most, by count rather than by clock, so a 100,000-file rebuild does not flood the window.
 */
import type { LongTaskResult } from '../../../../shared/api';
import type { TaskProgress } from '../../../../shared/types';
import type { EventBus } from '../../events';
import { newId } from '../../ids';

export type TaskKind = TaskProgress['kind'];

export interface TaskReporter {
  readonly signal: AbortSignal;
  /** Reports `done` of `total`; cheap to call for every item. */
  progress(done: number, total: number, message?: string | null): void;
}

export interface TaskOutcome {
  done: number;
  failed: number;
  message: string;
}

export type ProgressCallback = (progress: TaskProgress) => void;

/** A reporter for plain function calls (the CLI): progress goes to a callback, not the bus. */
export function createReporter(
  kind: TaskKind,
  taskId: string,
  signal: AbortSignal,
  onProgress: ProgressCallback | undefined,
): TaskReporter {
  let lastDone = -1;
  return {
    signal,
    progress(done, total, message = null) {
      const step = Math.max(1, Math.floor(total / 100));
      if (done !== total && done !== 0 && done - lastDone < step) return;
      lastDone = done;
      onProgress?.({ taskId, kind, done, total, finished: false, message });
    },
  };
}

export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();

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
    this.running.set(taskId, controller);
    const emit = (progress: TaskProgress) => this.bus.emit('tasks:progress', progress);
    emit({ taskId, kind, done: 0, total: 0, finished: false, message: null });
    try {
      const outcome = await work(createReporter(kind, taskId, controller.signal, emit));
      const message = controller.signal.aborted ? `Cancelled: ${outcome.message}` : outcome.message;
      emit({ taskId, kind, done: outcome.done, total: outcome.done + outcome.failed, finished: true, message });
      return { taskId, done: outcome.done, failed: outcome.failed, message };
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
    const controller = this.running.get(taskId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
