/** A plain undo/redo history: doing something new forgets what was undone. Pure. */

export interface UndoStack<T> {
  done: readonly T[];
  undone: readonly T[];
}

export function emptyStack<T>(): UndoStack<T> {
  return { done: [], undone: [] };
}

export function pushStep<T>(stack: UndoStack<T>, step: T): UndoStack<T> {
  return { done: [...stack.done, step], undone: [] };
}

export function undoStep<T>(stack: UndoStack<T>): UndoStack<T> {
  const last = stack.done.at(-1);
  if (last === undefined) return stack;
  return { done: stack.done.slice(0, -1), undone: [...stack.undone, last] };
}

export function redoStep<T>(stack: UndoStack<T>): UndoStack<T> {
  const next = stack.undone.at(-1);
  if (next === undefined) return stack;
  return { done: [...stack.done, next], undone: stack.undone.slice(0, -1) };
}
