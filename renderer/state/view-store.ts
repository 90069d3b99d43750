/**
 * What is on screen: the settings page, the detail view, the compare view, the shortcut sheet,
 * a dropped file's record, and one passing message. Navigation only; no data lives here.
 */
import { create } from 'zustand';
import { DEFAULT_THUMB_SIZE } from '../ui/grid-geometry';
import type { EmbeddedRecord } from '../../shared/types';
import type { ErrorInfo } from '../../shared/errors';

export interface Toast {
  id: number;
  text: string;
  error?: ErrorInfo;
  /** A button beside the message (e.g. Undo). */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run(): void;
}

interface ViewState {
  settingsOpen: boolean;
  detailId: string | null;
  compareIds: string[];
  shortcutsOpen: boolean;
  inspected: { record: EmbeddedRecord | null; fileName: string } | null;
  toast: Toast | null;
  /** The grid's row height in px (the size slider). */
  thumbSize: number;
  setThumbSize(size: number): void;
  openSettings(): void;
  closeSettings(): void;
  openDetail(id: string): void;
  closeDetail(): void;
  openCompare(ids: string[]): void;
  closeCompare(): void;
  setShortcutsOpen(open: boolean): void;
  showInspected(value: { record: EmbeddedRecord | null; fileName: string } | null): void;
  showToast(text: string, error?: ErrorInfo, action?: ToastAction): void;
  dismissToast(): void;
  /** Esc: closes the topmost layer; false when nothing was open. */
  closeTop(): boolean;
}

/** The most images compare shows at once (a survey of up to 4, as in Lightroom). */
export const MAX_COMPARED = 4;

let toastSeq = 0;

export const useViewStore = create<ViewState>()((set, get) => ({
  settingsOpen: false,
  detailId: null,
  compareIds: [],
  shortcutsOpen: false,
  inspected: null,
  toast: null,
  thumbSize: DEFAULT_THUMB_SIZE,
  setThumbSize: (size) => set({ thumbSize: Math.min(360, Math.max(100, Math.round(size))) }),
  openSettings: () => set({ settingsOpen: true, shortcutsOpen: false }),
  closeSettings: () => set({ settingsOpen: false }),
  openDetail: (id) => set({ detailId: id, compareIds: [] }),
  closeDetail: () => set({ detailId: null }),
  openCompare: (ids) => set({ compareIds: ids.slice(0, MAX_COMPARED), detailId: null }),
  closeCompare: () => set({ compareIds: [] }),
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  showInspected: (value) => set({ inspected: value }),
  showToast: (text, error, action) => {
    const id = ++toastSeq;
    set({ toast: { id, text, ...(error ? { error } : {}), ...(action ? { action } : {}) } });
    // Errors stay until dismissed; a confirmation fades by itself (later when it offers Undo).
    if (!error) setTimeout(() => get().toast?.id === id && set({ toast: null }), action ? 8000 : 3500);
  },
  dismissToast: () => set({ toast: null }),
  closeTop: () => {
    const s = get();
    if (s.shortcutsOpen) set({ shortcutsOpen: false });
    else if (s.inspected) set({ inspected: null });
    else if (s.settingsOpen) set({ settingsOpen: false });
    else if (s.compareIds.length > 0) set({ compareIds: [] });
    else if (s.detailId) set({ detailId: null });
    else return false;
    return true;
  },
}));
