/**
 * Small view preferences remembered across restarts in the page's local storage, like the prompt
 * history: each is a convenience, never data, so a storage that is full or denied only forgets.
 */
export type PrefFlag =
  /** Search also reads the prompt BFL rewrote (off: your own words only). */
  | 'searchUpsampled'
  /** The queue shows one summary line instead of its rows, so the composer gets the height. */
  | 'queueCollapsed';

const KEY_PREFIX = 'seedbank.pref.';

export function loadFlag(name: PrefFlag): boolean {
  try {
    return localStorage.getItem(KEY_PREFIX + name) === 'true';
  } catch {
    return false;
  }
}

export function saveFlag(name: PrefFlag, value: boolean): void {
  try {
    localStorage.setItem(KEY_PREFIX + name, String(value));
  } catch {
    // Not remembered: the choice still holds for this session.
  }
}
