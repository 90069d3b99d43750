/**
 * Time-ordered ids (ULID layout: 48-bit milliseconds + 80 random bits, Crockford base32), so
 * ids sort by creation time and file names in a date folder list in the order they were made.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[(bytes[i] ?? 0) % 32];
  return (time + rand).toLowerCase();
}

/** The ids `newId` issues: 26 lowercase Crockford base32 characters (no i, l, o, u). */
const ID_GRAMMAR = /^[0-9a-hjkmnp-tv-z]{26}$/;

/**
 * True for an id Seedbank itself could have issued. Ids read from files (an imported image's
 * record, a file dropped into the library folder) are untrusted text that ends up in file
 * names, so only these may be used as they are.
 */
export function isSeedbankId(value: unknown): boolean {
  return typeof value === 'string' && ID_GRAMMAR.test(value);
}
