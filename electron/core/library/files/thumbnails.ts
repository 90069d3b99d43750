/**
 * Thumbnails: WebP, 512 px on the longest side (a 256-px grid cell at 2×), derived from the
 * image and rebuildable at any time. Written to a temporary name and renamed, so the gallery
 * never serves half a thumbnail; no fsync, because a lost thumbnail is simply made again.
 * WebP effort 0: half the encode time of the default for a few percent more bytes.
 */
import { mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeTempPath } from '../../metadata/atomic-write';
import { loadSharp } from './load-sharp';
import { MAX_DECODE_PIXELS } from './untrusted-image';

export const THUMB_SIZE = 512;

export async function makeThumbnail(source: Uint8Array | string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = writeTempPath(target);
  try {
    const sharp = await loadSharp();
    // failOn 'none': a slightly damaged download still deserves a thumbnail of what decodes.
    await sharp(source, { failOn: 'none', limitInputPixels: MAX_DECODE_PIXELS })
      .rotate()
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75, effort: 0 })
      .toFile(temp);
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
