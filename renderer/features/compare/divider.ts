/**
 * The slider's divider: where it sits (percent of the image width from the left, A left of it and
 * B right), where a pointer on the image puts it, and where a key moves it. Pure.
 */

export const DIVIDER_STEP = 1;
export const DIVIDER_BIG_STEP = 10;

export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value * 10) / 10));
}

/** The divider position under a pointer at `clientX` over an image drawn at `box` on screen. */
export function percentAt(clientX: number, box: { left: number; width: number }): number {
  if (box.width <= 0) return 50;
  return clampPercent(((clientX - box.left) / box.width) * 100);
}

/**
 * The position after a key on the focused divider (the keys of the ARIA slider pattern: arrows
 * step, Shift or Page keys step further, Home/End go to the edges), or null for other keys.
 */
export function percentAfterKey(key: string, shiftKey: boolean, percent: number): number | null {
  const step = shiftKey ? DIVIDER_BIG_STEP : DIVIDER_STEP;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampPercent(percent - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampPercent(percent + step);
    case 'PageDown':
      return clampPercent(percent - DIVIDER_BIG_STEP);
    case 'PageUp':
      return clampPercent(percent + DIVIDER_BIG_STEP);
    case 'Home':
      return 0;
    case 'End':
      return 100;
    default:
      return null;
  }
}
