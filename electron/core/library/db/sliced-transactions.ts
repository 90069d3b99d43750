/**
 * Long write work in short transactions: `step` runs over the items inside transactions that end
 * once they have run for SLICE_MS, with a turn of the event loop between them, so a gallery
 * request (or any IPC/WebSocket message) that arrives during a rebuild of 10,000 images waits
 * for one slice, not for a whole batch. One transaction per item would rewrite the index pages
 * every time and make a rebuild ten times slower; a fixed batch of 200 held the loop for
 * hundreds of ms on a busy machine. Under WAL with synchronous=NORMAL a commit is cheap.
 */
import { performance } from 'node:perf_hooks';
import { yieldToEventLoop } from '../files/file-walk';
import { transaction, type Database } from './database';

/** Well under the 30 ms event-loop budget (issue 16), leaving room for the request itself. */
export const SLICE_MS = 8;

export async function inSlicedTransactions<T>(
  db: Database,
  items: readonly T[],
  step: (item: T) => void,
  sliceMs = SLICE_MS,
): Promise<void> {
  let next = 0;
  while (next < items.length) {
    const started = performance.now();
    transaction(db, () => {
      do step(items[next++] as T);
      while (next < items.length && performance.now() - started < sliceMs);
    });
    if (next < items.length) await yieldToEventLoop();
  }
}
