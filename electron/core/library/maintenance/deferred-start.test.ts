import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AFTER_FIRST_PAGE_MS, DeferredStart, FALLBACK_START_MS } from './deferred-start';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('start-up maintenance waits for the first gallery page', () => {
  it('starts a moment after the first page, not before, and only once', () => {
    const run = vi.fn();
    const start = new DeferredStart(run);
    vi.advanceTimersByTime(AFTER_FIRST_PAGE_MS);
    expect(run).not.toHaveBeenCalled();
    start.afterFirstPage();
    start.afterFirstPage();
    vi.advanceTimersByTime(AFTER_FIRST_PAGE_MS - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(FALLBACK_START_MS);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('starts after the fallback delay when no gallery asks', () => {
    const run = vi.fn();
    new DeferredStart(run);
    vi.advanceTimersByTime(FALLBACK_START_MS);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('starts at once when someone waits for it, and never after a cancel', () => {
    const waited = vi.fn();
    new DeferredStart(waited).now();
    expect(waited).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    const start = new DeferredStart(cancelled);
    start.cancel();
    start.afterFirstPage();
    start.now();
    vi.advanceTimersByTime(FALLBACK_START_MS);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
