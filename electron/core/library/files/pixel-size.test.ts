/**
 * The pixel size and pixel limit of untrusted files come from our own header reader, not from
 * sharp (see untrusted-image.ts). These tests pin that the reader declares the same size sharp's
 * `metadata()` does, on real files and on damaged or lying ones, and that the limit still holds.
 */
import fc from 'fast-check';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OutputFormat } from '../../../../shared/types';
import { makeImageBytes } from '../../../../test/support/library-test-kit';
import { MAX_DECODE_PIXELS, pixelSize } from './untrusted-image';

type Size = { width: number; height: number };

/** Sharp's declared size without its pixel limit, or null when it cannot read the header. */
async function sharpSize(bytes: Uint8Array): Promise<Size | null> {
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : null;
  } catch {
    return null;
  }
}

function ourSize(bytes: Uint8Array): Size | null {
  try {
    return pixelSize(bytes);
  } catch {
    return null;
  }
}

async function variants(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const raw = (width: number, height: number, channels: 3 | 4) =>
    sharp(Buffer.alloc(width * height * channels, 120), { raw: { width, height, channels } });
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const format of ['jpeg', 'png', 'webp'] as OutputFormat[]) {
    out.push({ name: `${format} 64×48`, bytes: await makeImageBytes(format, 64, 48) });
    out.push({ name: `${format} 1×1`, bytes: await makeImageBytes(format, 1, 1) });
    out.push({ name: `${format} 513×77`, bytes: await makeImageBytes(format, 513, 77) });
  }
  const add = async (name: string, image: Sharp) => out.push({ name, bytes: new Uint8Array(await image.toBuffer()) });
  await add('progressive jpeg', raw(300, 200, 3).jpeg({ progressive: true }));
  await add('jpeg with EXIF orientation 6', raw(300, 200, 3).jpeg().withMetadata({ orientation: 6 }));
  await add('png with alpha', raw(70, 90, 4).png());
  await add('lossless webp', raw(70, 90, 3).webp({ lossless: true }));
  await add('webp with alpha (VP8X)', raw(70, 90, 4).webp());
  await add('webp with EXIF (VP8X)', raw(70, 90, 3).webp().withMetadata({ orientation: 3 }));
  return out;
}

describe('pixel size of untrusted files', () => {
  it('declares the same size as sharp for every kind of file an import meets', async () => {
    for (const { name, bytes } of await variants()) {
      expect(ourSize(bytes), name).toEqual(await sharpSize(bytes));
      expect(ourSize(bytes), name).not.toBeNull();
    }
  });

  it('never declares a size other than sharp’s for a truncated or damaged file', async () => {
    const files = await variants();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.oneof(
          fc.record({ cut: fc.integer({ min: 0, max: 400 }) }),
          fc.record({ at: fc.integer({ min: 0, max: 200 }), value: fc.integer({ min: 0, max: 255 }) }),
        ),
        async (which, damage) => {
          const original = files[which]!.bytes;
          let bytes: Uint8Array;
          if ('cut' in damage) bytes = original.slice(0, Math.min(damage.cut, original.length));
          else {
            bytes = original.slice();
            if (damage.at < bytes.length) bytes[damage.at] = damage.value;
          }
          const [ours, theirs] = [ourSize(bytes), await sharpSize(bytes)];
          // Each may refuse a file the other reads (sharp looks past the header, the reader checks
          // its own rules); what neither may do is state a different size.
          if (ours !== null && theirs !== null) expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a file cut inside its header, as sharp does', async () => {
    for (const { name, bytes } of await variants()) {
      // Where the size ends: the JPEG frame header (SOF0/SOF2), the PNG IHDR chunk, the WebP frame header.
      const sof = bytes.findIndex((b, i) => b === 0xff && (bytes[i + 1] === 0xc0 || bytes[i + 1] === 0xc2));
      const header = name.includes('jpeg') ? sof + 9 : name.startsWith('png') ? 33 : 30;
      for (let cut = 0; cut < header; cut++) {
        expect(ourSize(bytes.slice(0, cut)), `${name} cut at ${cut}`).toBeNull();
        expect(await sharpSize(bytes.slice(0, cut)), `${name} cut at ${cut}`).toBeNull();
      }
    }
  });

  it('reads a PNG whose header checksum is wrong, as sharp does', async () => {
    const bytes = await makeImageBytes('png', 8, 8);
    bytes[19] = bytes[19]! ^ 0x01;
    expect(ourSize(bytes)).toEqual(await sharpSize(bytes));
  });

  it('refuses files declaring more pixels than the limit, whatever the format', async () => {
    const png = await makeImageBytes('png', 1, 1);
    const pv = new DataView(png.buffer, png.byteOffset);
    pv.setUint32(16, 60_000);
    pv.setUint32(20, 60_000);

    const jpeg = await makeImageBytes('jpeg', 1, 1);
    const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
    jpeg.set([0xea, 0x60, 0xea, 0x60], sof + 5);

    // A plain lossy WebP ("VP8 " chunk): 14-bit width and height after the key frame's start code.
    const webp = await makeImageBytes('webp', 2, 2);
    webp.set([0xff, 0x3f, 0xff, 0x3f], 26);

    for (const bytes of [png, jpeg, webp]) {
      const declared = await sharpSize(bytes);
      expect(declared, 'sharp reads the header').not.toBeNull();
      expect(declared!.width * declared!.height).toBeGreaterThan(MAX_DECODE_PIXELS);
      expect(() => pixelSize(bytes)).toThrow(/more than the limit of 100 MP/);
    }
  });
});
