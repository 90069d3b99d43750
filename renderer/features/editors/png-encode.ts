/** A mask buffer as PNG bytes (base64), exactly its size, through a canvas. Browser only. */
import { seedbank } from '../../platform/seedbank';
import { bytesToBase64 } from '../../ui/read-image-file';
import { maskToRgba, type MaskBuffer } from './mask-raster';

export async function maskToPngBase64(mask: MaskBuffer): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = mask.width;
  canvas.height = mask.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This window cannot draw the mask (no 2D canvas)');
  // Opaque pixels only: no premultiplied alpha, so every grey level survives the encoder.
  ctx.putImageData(new ImageData(maskToRgba(mask), mask.width, mask.height), 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The mask could not be encoded as PNG');
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

/**
 * A stored reference image's pixels at its own size as RGBA, where only the alpha is read (the
 * mask comes from transparency alone), or null when they cannot be had. The core reads them: the
 * page may not read library pixels itself (in the app the asset scheme is another origin).
 */
export async function readImageAlpha(hash: string): Promise<Uint8ClampedArray | null> {
  try {
    const { width, height, alphaBase64 } = await seedbank().inputs.alpha({ hash });
    const alpha = Uint8Array.from(atob(alphaBase64), (c) => c.charCodeAt(0));
    if (alpha.length !== width * height) return null;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < alpha.length; i++) rgba[i * 4 + 3] = alpha[i]!;
    return rgba;
  } catch {
    return null;
  }
}
