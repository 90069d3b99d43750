import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WindowBounds } from '../shared/types';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  captureBounds,
  isVisibleOnSomeDisplay,
  restoreBounds,
  trackWindowState,
} from './window-state';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('uses a default size, centred (no position), when nothing was saved', () => {
    expect(restoreBounds(null, [primary])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('restores a position that is on a display', () => {
    const saved: WindowBounds = { x: 2000, y: 100, width: 1400, height: 900, maximized: false };
    expect(restoreBounds(saved, [primary, right])).toEqual(saved);
  });

  it('drops a position on a display that is gone and fits the size to the primary display', () => {
    const saved: WindowBounds = { x: 2000, y: 100, width: 2400, height: 1300, maximized: true };
    expect(restoreBounds(saved, [primary])).toEqual({ width: 1920, height: 1040, maximized: true });
  });

  it('drops a position whose title bar is above the top of every display', () => {
    expect(
      restoreBounds({ x: 100, y: -500, width: 1000, height: 800, maximized: false }, [primary]),
    ).not.toHaveProperty('x');
  });

  it('drops a position that shows only a sliver of the window', () => {
    expect(
      restoreBounds({ x: 1900, y: 100, width: 1000, height: 800, maximized: false }, [primary]),
    ).not.toHaveProperty('x');
  });

  it('never restores a size below the minimum', () => {
    const restored = restoreBounds({ x: 10, y: 10, width: 200, height: 200, maximized: false }, [primary]);
    expect(restored.width).toBe(MIN_WINDOW_SIZE.width);
    expect(restored.height).toBe(MIN_WINDOW_SIZE.height);
  });
});

describe('isVisibleOnSomeDisplay', () => {
  it('accepts a window that spans two displays', () => {
    expect(isVisibleOnSomeDisplay({ x: 1500, y: 50, width: 1000, height: 700 }, [primary, right])).toBe(true);
  });
});

class FakeWindow extends EventEmitter {
  bounds = { x: 10, y: 20, width: 1000.4, height: 700 };
  maximized = false;
  fullScreen = false;
  minimized = false;
  getNormalBounds = () => this.bounds;
  isMaximized = () => this.maximized;
  isFullScreen = () => this.fullScreen;
  isMinimized = () => this.minimized;
}

describe('trackWindowState', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('captures the normal bounds, rounded, with the maximised flag', () => {
    const win = new FakeWindow();
    win.maximized = true;
    expect(captureBounds(win)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });

  it('saves once after a burst of moves, and at once on close', () => {
    vi.useFakeTimers();
    const win = new FakeWindow();
    const save = vi.fn();
    trackWindowState(win, save, 500);
    for (let i = 0; i < 20; i++) win.emit('move');
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(1);
    win.bounds = { x: 50, y: 60, width: 900, height: 600 };
    win.emit('close');
    expect(save).toHaveBeenLastCalledWith({ x: 50, y: 60, width: 900, height: 600, maximized: false });
  });

  it('does not save a full-screen or minimised window, nor after it is stopped', () => {
    vi.useFakeTimers();
    const win = new FakeWindow();
    const save = vi.fn();
    const stop = trackWindowState(win, save, 10);
    win.fullScreen = true;
    win.emit('resize');
    vi.advanceTimersByTime(20);
    win.fullScreen = false;
    win.minimized = true;
    win.emit('close');
    win.minimized = false;
    stop();
    win.emit('close');
    expect(save).not.toHaveBeenCalled();
  });
});
