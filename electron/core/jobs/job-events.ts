/**
 * `jobs:changed` carries the whole Job after every state change and progress step, so any front
 * door (window, web host, CLI) can render the queue from events alone.
 */
import type { EventBus } from '../events';
import { toJob, type JobRow } from './job-row';

export class JobEvents {
  private readonly lastProgress = new Map<string, number | null>();

  constructor(private readonly bus: EventBus) {}

  changed(row: JobRow | null): void {
    if (!row) return;
    this.lastProgress.set(row.id, row.progress);
    this.bus.emit('jobs:changed', toJob(row));
  }

  /** Emits only when the progress a person would see has moved. */
  progressed(row: JobRow | null): void {
    if (!row || this.lastProgress.get(row.id) === row.progress) return;
    this.changed(row);
  }

  forget(id: string): void {
    this.lastProgress.delete(id);
  }
}
