/** Which container a file is, from its first bytes (never from its name). */
import type { OutputFormat } from '../../../shared/types';
import { isPng } from './png';
import { isWebp } from './webp';

export function detectFormat(bytes: Uint8Array): OutputFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (isPng(bytes)) return 'png';
  if (isWebp(bytes)) return 'webp';
  return null;
}
