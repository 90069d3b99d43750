/** Real, small images in the requested format, so downloads, metadata and thumbnails are genuine. */
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

export const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Scales a size down so its longest side is at most `maxSide`, keeping the shape. */
export function scaledSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A gradient whose colours come from the seed text, so different tasks give different bytes. */
export async function renderImage(
  seedText: string,
  width: number,
  height: number,
  format: ImageFormat,
): Promise<Buffer> {
  const digest = createHash('sha256').update(seedText).digest();
  const [r0 = 0, g0 = 0, b0 = 0, r1 = 255, g1 = 255, b1 = 255] = digest;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / Math.max(1, width + height - 2);
      const i = (y * width + x) * 3;
      pixels[i] = Math.round(r0 + (r1 - r0) * t);
      pixels[i + 1] = Math.round(g0 + (g1 - g0) * t);
      pixels[i + 2] = Math.round(b0 + (b1 - b0) * t);
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return image.toFormat(format).toBuffer();
}

/** Width and height of a base64 input image, or null when it is not one sharp can read. */
export async function inputSize(value: unknown): Promise<{ width: number; height: number } | null> {
  if (typeof value !== 'string' || value.length === 0 || /^https?:/i.test(value)) return null;
  try {
    const bytes = Buffer.from(value.replace(/^data:[^,]*,/, ''), 'base64');
    const meta = await sharp(bytes).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : null;
  } catch {
    return null;
  }
}
