import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  A1111_TEXT,
  comfyGraph,
  exifWithUserComment,
  pngChunk,
  userComment,
  withJpegExif,
  withPngChunks,
  withPngTexts,
  withWebpExif,
} from '../../../../test/support/foreign-fixtures';
import { makeImage } from '../../../../test/support/metadata-fixtures';
import { MAX_PNG_TEXT } from '../png';
import { readForeignRecord } from './index';

let png: Uint8Array = new Uint8Array();
let jpeg: Uint8Array = new Uint8Array();
let webp: Uint8Array = new Uint8Array();
beforeAll(async () => {
  webp = await makeImage('webp-lossy');
  png = await makeImage('png');
  jpeg = await makeImage('jpeg');
});

describe('files from elsewhere are hostile', () => {
  it('reads the parameters of a PNG cut off in the middle of its image data', () => {
    const bytes = withPngTexts(png, [{ type: 'tEXt', keyword: 'parameters', text: A1111_TEXT }]);
    expect(readForeignRecord(bytes.subarray(0, bytes.length - 40))?.seed).toBe(3141592653);
  });

  it('returns null, not an error, for a text chunk cut off half-way', () => {
    const bytes = withPngTexts(png, [{ type: 'tEXt', keyword: 'parameters', text: A1111_TEXT }]);
    expect(readForeignRecord(bytes.subarray(0, 33 + 30))).toBe(null);
  });

  it('skips a zTXt chunk that inflates past the limit (a zip bomb) and reads the rest', async () => {
    const { deflateSync } = await import('node:zlib');
    const bomb = Buffer.concat([
      Buffer.from('comment\0\0', 'latin1'),
      deflateSync(Buffer.alloc(MAX_PNG_TEXT + 1, 0x61)),
    ]);
    const bytes = withPngChunks(png, [
      pngChunk('zTXt', bomb),
      withPngTexts(new Uint8Array(33), [{ type: 'tEXt', keyword: 'parameters', text: A1111_TEXT }]).subarray(33),
    ]);
    expect(readForeignRecord(bytes)?.prompt).toBe('a lighthouse on a basalt cliff, storm clouds');
  });

  it('reads a 2 MB prompt without failing, keeping it whole', () => {
    const giant = `${'word '.repeat(400_000)}\nSteps: 1, Sampler: Euler, Seed: 9, Size: 64x64`;
    const record = readForeignRecord(withPngTexts(png, [{ type: 'zTXt', keyword: 'parameters', text: giant }]));
    expect(record?.seed).toBe(9);
    expect(record?.prompt.length).toBe(2_000_000 - 1);
  });

  it('decodes invalid UTF-16 in a UserComment as replacement characters, keeping the rest', () => {
    const comment = userComment('UNICODE-BE', A1111_TEXT);
    // A lone high surrogate (D800) in place of the prompt's first character.
    comment[8] = 0xd8;
    comment[9] = 0x00;
    const record = readForeignRecord(withJpegExif(jpeg, exifWithUserComment(comment)));
    expect(record?.prompt).toBe('\uFFFD lighthouse on a basalt cliff, storm clouds');
    expect(record?.seed).toBe(3141592653);
  });

  it('ignores a UserComment whose EXIF offsets point past the end', () => {
    const tiff = exifWithUserComment(userComment('ASCII', A1111_TEXT));
    tiff.writeUInt32LE(0xfffffff0, 8 + 2 + 12 + 4 + 2 + 8);
    expect(readForeignRecord(withJpegExif(jpeg, tiff))).toBe(null);
  });

  it('returns null for a JPEG whose EXIF segment claims more bytes than the file has', () => {
    const bytes = withJpegExif(jpeg, exifWithUserComment(userComment('ASCII', A1111_TEXT)));
    expect(readForeignRecord(bytes.subarray(0, 60))).toBe(null);
  });

  it('reads a ComfyUI graph whose every node links back to the sampler', () => {
    const graph = comfyGraph() as Record<string, { class_type: string; inputs: Record<string, unknown> }>;
    for (const node of Object.values(graph)) node.inputs.loop = ['3', 0];
    const record = readForeignRecord(
      withPngTexts(png, [{ type: 'tEXt', keyword: 'prompt', text: JSON.stringify(graph) }]),
    );
    expect(record?.tool).toBe('comfyui');
    expect(record?.seed).toBe(8675309);
  });

  it('treats a ComfyUI prompt that is not JSON as no record', () => {
    expect(readForeignRecord(withPngTexts(png, [{ type: 'tEXt', keyword: 'prompt', text: '{"3": {' }]))).toBe(null);
  });

  it('does not throw on a chunk with a bad CRC or random bytes', () => {
    const bad = pngChunk('tEXt', Buffer.from('parameters\0x', 'latin1'));
    bad.writeUInt32BE(crc32(Buffer.from('nope')), bad.length - 4);
    expect(() => readForeignRecord(withPngChunks(png, [bad]))).not.toThrow();
    for (let i = 0; i < 50; i++) {
      const noise = new Uint8Array(200).map((_, j) => (j * 131 + i * 7919) % 256);
      expect(() => readForeignRecord(Buffer.concat([png.subarray(0, 8), noise]))).not.toThrow();
    }
  });

  it('reads a 2 MB parameters text that is one line with no settings (no quadratic scan)', () => {
    const line = 'word '.repeat(400_000);
    const record = readForeignRecord(withPngTexts(png, [{ type: 'zTXt', keyword: 'parameters', text: line }]));
    expect(record).toBe(null);
  });

  it('reads a UserComment of NUL characters with text after them', () => {
    const comment = userComment('UNICODE-LE', `${'\0'.repeat(1_000_000)}${A1111_TEXT}`);
    // WebP: a JPEG segment holds at most 64 KB.
    const record = readForeignRecord(withWebpExif(webp, exifWithUserComment(comment)));
    expect(record?.seed).toBe(3141592653);
  });

  it('reads a Fooocus resolution of a million digits as no size', () => {
    const text = JSON.stringify({ prompt: 'p', resolution: '7'.repeat(1_000_000), seed: 1 });
    const record = readForeignRecord(
      withPngTexts(png, [
        { type: 'zTXt', keyword: 'parameters', text },
        { type: 'tEXt', keyword: 'fooocus_scheme', text: 'fooocus' },
      ]),
    );
    expect(record).toMatchObject({ tool: 'fooocus', width: null, height: null, seed: 1 });
  });
});
