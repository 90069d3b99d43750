/**
 * Real images for the metadata tests, made with sharp, plus the record and checks they share.
 * Test-only: nothing in the app imports this file.
 */
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { EmbeddedRecord } from '../../shared/types';

const WIDTH = 48;
const HEIGHT = 32;

/** Deterministic, non-flat pixels so the encoders produce a real bitstream, not a trivial one. */
function pixels(channels: 3 | 4): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + ((i / channels) | 0) * 11) % 256;
  if (channels === 4) for (let i = 3; i < data.length; i += 4) data[i] = (i * 7) % 256;
  return data;
}

function image(channels: 3 | 4): Sharp {
  return sharp(pixels(channels), { raw: { width: WIDTH, height: HEIGHT, channels } });
}

export type FixtureName =
  | 'jpeg'
  | 'jpeg-exif'
  | 'png'
  | 'png-alpha'
  | 'webp-lossy'
  | 'webp-lossless'
  | 'webp-alpha'
  | 'webp-lossless-alpha'
  | 'webp-icc-exif'
  | 'webp-animated';

export const FIXTURES: readonly FixtureName[] = [
  'jpeg',
  'jpeg-exif',
  'png',
  'png-alpha',
  'webp-lossy',
  'webp-lossless',
  'webp-alpha',
  'webp-lossless-alpha',
  'webp-icc-exif',
  'webp-animated',
];

export async function makeImage(name: FixtureName): Promise<Uint8Array> {
  switch (name) {
    case 'jpeg':
      return image(3).jpeg({ quality: 80 }).toBuffer();
    case 'jpeg-exif':
      return image(3)
        .withExif({ IFD0: { Copyright: 'Seedbank fixture', Artist: 'sharp' } })
        .jpeg({ quality: 80 })
        .toBuffer();
    case 'png':
      return image(3).png().toBuffer();
    case 'png-alpha':
      return image(4).png().toBuffer();
    case 'webp-lossy':
      return image(3).webp({ quality: 70 }).toBuffer();
    case 'webp-lossless':
      return image(3).webp({ lossless: true }).toBuffer();
    case 'webp-alpha':
      return image(4).webp({ quality: 70 }).toBuffer();
    case 'webp-lossless-alpha':
      return image(4).webp({ lossless: true }).toBuffer();
    case 'webp-icc-exif':
      return image(3)
        .withIccProfile('p3')
        .withExif({ IFD0: { Copyright: 'Seedbank fixture' } })
        .webp({ quality: 70 })
        .toBuffer();
    case 'webp-animated': {
      // Two frames stacked vertically, read as pages of one animated image.
      const frames = Buffer.concat([pixels(4), pixels(4).reverse()]);
      return sharp(frames, { raw: { width: WIDTH, height: HEIGHT * 2, channels: 4, pageHeight: HEIGHT } })
        .webp({ quality: 70, loop: 0, delay: [100, 100] })
        .toBuffer();
    }
  }
}

export async function decodedPixels(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes).raw().toBuffer();
}

export const AWKWARD_PROMPT =
  `A "quoted" <tag attr='x'> & an ampersand; ]]> CDATA end, &amp; literal\n` +
  `second line\r\nthird line\ttabbed  double  spaces \n` +
  `emoji 🌱🧪👩🏽‍🔬, CJK 種子銀行, RTL שלום, combining e\u0301\n` +
  'x'.repeat(10_000);

export function sampleRecord(overrides: Partial<EmbeddedRecord> = {}): EmbeddedRecord {
  return {
    version: 1,
    id: '01jbx7k2q3r4s5t6v7w8x9y0za',
    model: 'flux-2-pro',
    prompt: AWKWARD_PROMPT,
    upsampledPrompt: '  Upsampled: <b>bold</b> & "more" \n',
    seed: 4_294_967_295,
    width: 1024,
    height: 768,
    format: 'jpeg',
    params: {
      seed: 4_294_967_295,
      aspect_ratio: '4:3',
      safety_tolerance: 2,
      guidance: 3.5,
      raw: false,
      nested: { list: [1, 'two', null], text: '<&>' },
      output_format: 'jpeg',
    },
    inputs: ['a'.repeat(64), 'b'.repeat(64)],
    taskId: 'task-123',
    cost: 0.045,
    createdAt: '2026-11-03T12:34:56.789Z',
    submittedAt: '2026-11-03T12:34:50.000Z',
    finishedAt: '2026-11-03T12:34:56.000Z',
    projectName: 'Moss & <Ferns>',
    favorite: true,
    rating: 4,
    tags: ['moss', 'macro photo', 'ünïcødé 🌿'],
    ...overrides,
  };
}

/** The exiftool binary, or null with the reason it cannot be used. */
export function exiftoolStatus(): { available: true } | { available: false; reason: string } {
  try {
    execFileSync('exiftool', ['-ver'], { stdio: 'pipe' });
    return { available: true };
  } catch (err) {
    return { available: false, reason: `exiftool not runnable: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export type ExiftoolTags = Record<string, unknown>;

/** Reads tags with `exiftool -j`; `-struct` off so lists come back as arrays of strings. */
export function exiftool(file: string, tags: readonly string[]): ExiftoolTags {
  const out = execFileSync('exiftool', ['-j', '-charset', 'utf8', ...tags.map((t) => `-${t}`), file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const parsed: unknown = JSON.parse(out);
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'object' || parsed[0] === null)
    throw new Error('exiftool gave no JSON');
  return parsed[0] as ExiftoolTags;
}
