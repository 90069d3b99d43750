/** A mask buffer as PNG bytes (base64), exactly its size, through a canvas. Browser only. */
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

/** The RGBA pixels of an image URL at its own size, or null when the page may not read them. */
export async function readImagePixels(url: string): Promise<Uint8ClampedArray | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const bitmap = await createImageBitmap(await response.blob(), { premultiplyAlpha: 'none' });
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  } catch {
    return null;
  }
}
