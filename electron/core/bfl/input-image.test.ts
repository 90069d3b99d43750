import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { SeedbankError } from '../../../shared/errors';
import { inspectInputImage, stripDataUrlPrefix, toBase64 } from './input-image';

const blank = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 200 } } });

function refusal(bytes: Uint8Array): SeedbankError {
  try {
    inspectInputImage(bytes);
  } catch (err) {
    if (err instanceof SeedbankError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('inspectInputImage', () => {
  it('reads format and size of jpeg, png and webp (lossy and lossless) from the header', async () => {
    const cases = [
      ['jpeg', await blank(640, 480).jpeg().toBuffer()],
      ['jpeg', await blank(33, 17).jpeg({ progressive: true }).toBuffer()],
      ['png', await blank(300, 200).png().toBuffer()],
      ['webp', await blank(123, 45).webp().toBuffer()],
      ['webp', await blank(77, 99).webp({ lossless: true }).toBuffer()],
    ] as const;
    const seen = cases.map(([, bytes]) => inspectInputImage(bytes));
    expect(seen.map((s) => [s.format, s.width, s.height])).toEqual([
      ['jpeg', 640, 480],
      ['jpeg', 33, 17],
      ['png', 300, 200],
      ['webp', 123, 45],
      ['webp', 77, 99],
    ]);
    expect(seen[0]?.bytes).toBe(cases[0][1].length);
  });

  it('reads the size of a webp with alpha (extended header)', async () => {
    const bytes = await sharp({
      create: { width: 50, height: 60, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .webp()
      .toBuffer();
    expect(inspectInputImage(bytes)).toMatchObject({ format: 'webp', width: 50, height: 60 });
  });

  it('refuses a gif, naming the formats BFL takes', async () => {
    const err = refusal(await blank(10, 10).gif().toBuffer());
    expect(err).toMatchObject({ code: 'INVALID_INPUT', field: 'inputs' });
    expect(err.message).toBe('inputs: the image is gif; BFL takes jpeg, png or webp');
  });

  it('refuses something that is not an image at all', () => {
    expect(refusal(new TextEncoder().encode('hello world, not an image')).message).toMatch(/not an image/);
  });

  it('refuses an image over 20 MP with its size', async () => {
    // A png header claiming 5000×5000 is enough: the limit is read from the header.
    const small = await blank(8, 8).png().toBuffer();
    const forged = Buffer.from(small);
    forged.writeUInt32BE(5000, 16);
    forged.writeUInt32BE(5000, 20);
    expect(refusal(forged).message).toBe('inputs: the image is 25.0 MP (5000×5000); BFL takes at most 20 MP');
  });

  it('refuses a file over 20 MB', async () => {
    const head = await blank(8, 8).png().toBuffer();
    const big = new Uint8Array(20_000_001);
    big.set(head);
    expect(refusal(big).message).toBe('inputs: the image is 20.0 MB; BFL takes at most 20 MB');
  });
});

describe('base64 helpers', () => {
  it('encodes without a data: prefix and strips one when given', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252]);
    expect(toBase64(bytes)).toBe('AAEC+vv8');
    expect(toBase64(bytes.subarray(3))).toBe('+vv8');
    expect(stripDataUrlPrefix('data:image/png;base64,AAEC')).toBe('AAEC');
    expect(stripDataUrlPrefix('AAEC')).toBe('AAEC');
  });
});
