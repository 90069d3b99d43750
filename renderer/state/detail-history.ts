/**
 * The detail view's Back: a stack of the images a person left by following a link inside the
 * detail view (a reference it used, an image made from it, a step of its chain of edits), so
 * Back returns to the one they came from, hop by hop. Stepping through the gallery is not a hop
 * and pushes nothing. Pure.
 */

/** Enough for any real trail; the oldest hops are dropped beyond it. */
export const HISTORY_LIMIT = 100;

/** The stack after leaving `from` for another image; following a link to itself changes nothing. */
export function pushHop(stack: readonly string[], from: string, to: string): string[] {
  if (from === to) return [...stack];
  return [...stack, from].slice(-HISTORY_LIMIT);
}

/** Where Back goes and the stack after it; `null` when there is nowhere to go back to. */
export function popHop(stack: readonly string[]): { to: string; stack: string[] } | null {
  const to = stack.at(-1);
  return to === undefined ? null : { to, stack: stack.slice(0, -1) };
}
