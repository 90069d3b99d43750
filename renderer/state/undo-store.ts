/**
 * Undo for library edits (trash, move, rate, tag, favourite): each action records how to put
 * back what it changed — per image, from the state it had just before — and Ctrl/⌘+Z or the
 * toast's Undo button runs the newest one. Undo is itself an ordinary library call, so the core
 * still checks it and other windows see it through `library:changed`.
 */
import { create } from 'zustand';

export interface UndoEntry {
  /** What was done, as the toast said it ("Moved 2 images"). */
  label: string;
  undo(): Promise<unknown>;
}

/** Enough for a session of curating; older steps fall off. */
const LIMIT = 50;

interface UndoState {
  stack: UndoEntry[];
  push(entry: UndoEntry): void;
  /** Removes and returns the newest entry, or null. */
  pop(): UndoEntry | null;
  /** Removes this entry; false when it is no longer there (already undone). */
  remove(entry: UndoEntry): boolean;
}

export const useUndoStore = create<UndoState>()((set, get) => ({
  stack: [],
  push: (entry) => set({ stack: [...get().stack, entry].slice(-LIMIT) }),
  pop: () => {
    const stack = get().stack;
    const last = stack.at(-1) ?? null;
    if (last) set({ stack: stack.slice(0, -1) });
    return last;
  },
  remove: (entry) => {
    const stack = get().stack;
    if (!stack.includes(entry)) return false;
    set({ stack: stack.filter((e) => e !== entry) });
    return true;
  },
}));
