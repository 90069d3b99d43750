/**
 * Remembers the window's size, position and maximised state in the settings (`settings.window`),
 * and restores a position only when it is still on a display: a window saved on an unplugged
 * monitor opens centred on the primary one instead of off-screen.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import type { WindowBounds } from '../shared/types';

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
/** At least this much of the window (its title bar, say) must be on a display to be grabbable. */
const MIN_VISIBLE = 64;

export interface InitialBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

export function isVisibleOnSomeDisplay(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  return workAreas.some((area) => {
    const o = overlap(bounds, area);
    // The top strip must be on screen, or the window cannot be dragged back.
    return o.width >= MIN_VISIBLE && o.height >= Math.min(MIN_VISIBLE, bounds.height) && bounds.y >= area.y - 8;
  });
}

/**
 * Turns saved bounds into the window's first bounds. `workAreas[0]` is the primary display's work
 * area; sizes are clamped to fit it when the position has to be dropped.
 */
export function restoreBounds(saved: WindowBounds | null, workAreas: readonly Rectangle[]): InitialBounds {
  const primary = workAreas[0];
  const fit = (width: number, height: number) => ({
    width: Math.max(MIN_WINDOW_SIZE.width, primary ? Math.min(width, primary.width) : width),
    height: Math.max(MIN_WINDOW_SIZE.height, primary ? Math.min(height, primary.height) : height),
  });
  if (!saved) return { ...fit(DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height), maximized: false };
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.round(saved.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.round(saved.height));
  if (saved.x !== undefined && saved.y !== undefined) {
    const rect = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
    if (isVisibleOnSomeDisplay(rect, workAreas)) return { ...rect, maximized: saved.maximized };
  }
  return { ...fit(width, height), maximized: saved.maximized };
}

type WindowEvent = 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close';
export interface TrackedWindow extends Pick<
  BrowserWindow,
  'getNormalBounds' | 'isMaximized' | 'isFullScreen' | 'isMinimized'
> {
  on(event: WindowEvent, listener: () => void): unknown;
}

/** The bounds to save: the normal (unmaximised) bounds, so un-maximising later returns to them. */
export function captureBounds(win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowBounds {
  const b = win.getNormalBounds();
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.max(MIN_WINDOW_SIZE.width, Math.round(b.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.round(b.height)),
    maximized: win.isMaximized(),
  };
}

/**
 * Saves the bounds a moment after the last move or resize (a drag fires dozens of events), and
 * at once when the window closes. Full-screen and minimised states are not worth restoring.
 */
export function trackWindowState(win: TrackedWindow, save: (bounds: WindowBounds) => void, delayMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || win.isFullScreen() || win.isMinimized()) return;
    save(captureBounds(win));
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('maximize', flush);
  win.on('unmaximize', flush);
  win.on('close', flush);
  return () => {
    if (timer) clearTimeout(timer);
    stopped = true;
  };
}
