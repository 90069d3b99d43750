/**
 * The transparency of a stored reference image, one byte per pixel (0 = transparent, 255 =
 * opaque), for the mask painter's "Use transparency". Read here, in the main process, because the
 * page cannot read library pixels itself: in the app the asset scheme is another origin and the
 * page's CSP allows it no fetch of library files.
 */
import type { InputAlpha } from '../../../../shared/types';
import type { StoredInput } from './inputs';
import { loadSharp } from './load-sharp';
import { MAX_DECODE_PIXELS } from './untrusted-image';

export async function inputAlpha(stored: StoredInput): Promise<InputAlpha> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(stored.bytes, { limitInputPixels: MAX_DECODE_PIXELS })
    .ensureAlpha()
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, alphaBase64: data.toString('base64') };
}
