/**
 * The studio's import: which folder, how far it got (from `tasks:progress`), pause/cancel, and
 * the summary `library:import` answers with. One import at a time; the dialog can be closed
 * while it runs and reopened from the Import button, which shows the count meanwhile.
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { ImportCounts, ImportReport } from '../../shared/import-report';
import type { TaskProgress } from '../../shared/types';
import { seedbank } from '../platform/seedbank';
import { errorInfoOf } from '../ui/error-text';

export type ImportPhase = 'closed' | 'choose' | 'running' | 'done';

interface ImportState {
  phase: ImportPhase;
  /** The dialog is shown (an import may run with it closed). */
  open: boolean;
  /** What the person chose, as they know it: the folder's name or the typed path. */
  folderLabel: string | null;
  taskId: string | null;
  counts: ImportCounts | null;
  paused: boolean;
  report: ImportReport | null;
  message: string | null;
  /** The last refusal, shown at the folder field (`field` names it). */
  error: ErrorInfo | null;
  /** The browser host: folders are typed as full paths (no dialog). */
  askTyped(): void;
  start(directory: string, label: string): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  cancel(): Promise<void>;
  show(): void;
  close(): void;
}

/** What an import knows before it starts: the store begins here and each new import from here. */
const NO_IMPORT = {
  folderLabel: null,
  taskId: null,
  counts: null,
  paused: false,
  report: null,
  message: null,
  error: null,
} satisfies Partial<ImportState>;

export const useImportStore = create<ImportState>((set, get) => ({
  phase: 'closed',
  open: false,
  ...NO_IMPORT,
  askTyped() {
    if (get().phase === 'running') return set({ open: true });
    set({ phase: 'choose', open: true, error: null, report: null, message: null });
  },
  async start(directory, label) {
    if (get().phase === 'running') return;
    set({ ...NO_IMPORT, phase: 'running', open: true, folderLabel: label });
    // The task's id comes with its first progress event; the answer comes at the end.
    const off = seedbank().onTasksProgress((progress: TaskProgress) => {
      if (progress.kind !== 'import' || progress.finished) return;
      const { taskId } = get();
      if (taskId !== null && taskId !== progress.taskId) return;
      set({
        taskId: progress.taskId,
        paused: progress.paused ?? false,
        ...(progress.counts ? { counts: progress.counts } : {}),
      });
    });
    try {
      const result = await seedbank().library.import({ directory });
      // The gallery, its counts and tags reload on the core's "reload" event after the import.
      set({ phase: 'done', open: true, report: result.import ?? null, message: result.message, taskId: null });
    } catch (err) {
      // Refused before it began (no such folder, the library's own folder): back to the field.
      set({ phase: 'choose', open: true, error: errorInfoOf(err), taskId: null });
    } finally {
      off();
    }
  },
  async setPaused(paused) {
    const { taskId } = get();
    if (!taskId) return;
    set({ paused });
    await seedbank().library.pauseTask({ taskId, paused });
  },
  async cancel() {
    const { taskId } = get();
    if (taskId) await seedbank().library.cancelTask({ taskId });
  },
  show: () => set({ open: true }),
  close() {
    if (get().phase === 'running') set({ open: false });
    else set({ phase: 'closed', open: false, error: null });
  },
}));
