/**
 * Long work gives way to the front door. Background and long tasks (reconcile, rebuild, import,
 * emptying the Trash) run in the main process in slices, with a turn of the event loop between
 * them (`yieldToEventLoop`). A turn is not enough while a window loads: its requests come in
 * bursts (the page, its scripts, the socket, the first requests, the thumbnails) a few ms apart,
 * and a slice run between two of them delays the next. So each front door (web host HTTP and
 * WebSocket, Electron IPC) notes every request here, and the slices wait until no request has
 * come in for QUIET_MS — never more than MAX_HOLD_MS at one yield, so a steady stream of
 * requests (scrolling through thumbnails) slows long work down but never stops it.
 */
import { performance } from 'node:perf_hooks';

/** A page's follow-up requests come within a few ms of each other on one machine. */
export const QUIET_MS = 30;
/**
 * After a page itself has been served, its window parses it, lays it out and draws the first
 * tiles (renderer/first-paint.ts) for a few hundred ms with no request to show for it; long work
 * on the other core would take the CPU that first paint needs (docs/performance.md).
 */
export const PAGE_LOAD_QUIET_MS = 300;
/** Long work still gets a slice at least this often: progress bars keep moving. */
export const MAX_HOLD_MS = 100;

let quietAt = 0;

/** A request came in at a front door: long work waits until the door is quiet again (`quietMs` later). */
export function noteFrontDoorRequest(quietMs = QUIET_MS): void {
  quietAt = Math.max(quietAt, performance.now() + quietMs);
}

/** Resolves after a turn of the event loop, and once the front door is quiet (at most MAX_HOLD_MS later). */
export async function giveWayToFrontDoor(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const holdUntil = performance.now() + MAX_HOLD_MS;
  for (;;) {
    const until = Math.min(quietAt, holdUntil);
    const wait = until - performance.now();
    if (wait <= 0) return;
    await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(wait)));
  }
}
