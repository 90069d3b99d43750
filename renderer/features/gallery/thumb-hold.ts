/**
 * Thumbnails held back while a search is being typed. Each keystroke's answer replaces the grid,
 * and every new tile asked for its thumbnail at once: typing "orchard fog" sent a few hundred
 * image requests for grids the next key replaced a few ms later, and on a busy machine those
 * requests (the browser's network work, the host's answers, the decoding) competed with the
 * query and the paint of the results the person was waiting for (docs/performance.md, "UI search
 * after the last keystroke"). A tile that mounts within HOLD_MS of a keystroke in the search box
 * gets its image when HOLD_MS have passed since the last keystroke; a grid replaced before that
 * never asks. Tiles already showing keep their images; scrolling, the first page and every other
 * filter are not held.
 */
import { useEffect, useState } from 'react';

/**
 * Longer than the gap between keystrokes of fast typing and about as long as a search's results
 * take to appear after the last key on a quiet machine (40–50 ms median in the UI bench), so the
 * images of the last grid come little or no later than before; when the results take longer, the
 * hold is over by the time they are shown and their images are asked for at once.
 */
export const HOLD_MS = 60;

let heldUntil = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
const waiting = new Set<() => void>();

/** Whether a tile mounting now must wait for its image. */
export function thumbnailsHeld(): boolean {
  return performance.now() < heldUntil;
}

function releaseWhenDue(): void {
  timer = null;
  const left = heldUntil - performance.now();
  if (left > 0) {
    timer = setTimeout(releaseWhenDue, left);
    return;
  }
  const release = [...waiting];
  waiting.clear();
  for (const done of release) done();
}

/** A keystroke in the search box: tiles that mount in the next HOLD_MS wait for their images. */
export function holdThumbnails(): void {
  heldUntil = performance.now() + HOLD_MS;
  timer ??= setTimeout(releaseWhenDue, HOLD_MS);
}

/** Calls `done` once the hold is over (at once if there is none); returns a cancel. */
export function whenThumbnailsReleased(done: () => void): () => void {
  if (!thumbnailsHeld()) {
    done();
    return () => undefined;
  }
  waiting.add(done);
  return () => waiting.delete(done);
}

/** For a tile: false while its image is held back; once true it stays true. */
export function useThumbnailReleased(): boolean {
  const [released, setReleased] = useState(() => !thumbnailsHeld());
  useEffect(() => {
    if (released) return;
    return whenThumbnailsReleased(() => setReleased(true));
  }, [released]);
  return released;
}
