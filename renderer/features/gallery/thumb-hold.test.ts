/**
 * While a search is typed, tiles that mount right after a keystroke wait for their images, so a
 * grid the next keystroke replaces never asks for its thumbnails; once the typing pauses, every
 * waiting tile gets its image, and tiles that mount then are not held at all.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOLD_MS, holdThumbnails, thumbnailsHeld, whenThumbnailsReleased } from './thumb-hold';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.runAllTimers();
  vi.useRealTimers();
});

/** A tile as the grid mounts it: asks for its image once released; `unmount` is the grid replacing it. */
function mountTile(): { asked: () => boolean; unmount: () => void } {
  let asked = false;
  const unmount = whenThumbnailsReleased(() => (asked = true));
  return { asked: () => asked, unmount };
}

describe('thumbnails held while a search is typed', () => {
  it('asks at once for the images of a grid shown when nobody is typing', () => {
    expect(thumbnailsHeld()).toBe(false);
    expect(mountTile().asked()).toBe(true);
  });

  it('never asks for the images of a grid the next keystroke replaced', () => {
    holdThumbnails();
    const replaced = mountTile();
    vi.advanceTimersByTime(HOLD_MS / 2);
    holdThumbnails();
    replaced.unmount();
    const last = mountTile();
    vi.advanceTimersByTime(HOLD_MS * 2);
    expect(replaced.asked()).toBe(false);
    expect(last.asked()).toBe(true);
  });

  it('keeps holding while keys keep coming, and releases every waiting tile once they pause', () => {
    holdThumbnails();
    const tiles = [mountTile(), mountTile()];
    for (let key = 0; key < 5; key++) {
      vi.advanceTimersByTime(HOLD_MS - 1);
      holdThumbnails();
    }
    expect(tiles.map((tile) => tile.asked())).toEqual([false, false]);
    vi.advanceTimersByTime(HOLD_MS);
    expect(tiles.map((tile) => tile.asked())).toEqual([true, true]);
    expect(mountTile().asked()).toBe(true);
  });
});
