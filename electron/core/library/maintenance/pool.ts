/**
 * Runs async work over a list with a fixed number in flight, stopping early when the signal
 * aborts. Library maintenance uses it so file reads overlap while SQLite work stays in short
 * synchronous steps between them.
 */
import { yieldToEventLoop } from '../files/file-walk';

export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!signal.aborted) {
      const index = next++;
      if (index >= items.length) return;
      await work(items[index] as T, index);
      // Let IPC and rendering requests in between items even when reads come from the cache.
      if (index % 16 === 15) await yieldToEventLoop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
