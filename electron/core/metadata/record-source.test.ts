import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordSource } from '../../../shared/types';
import { makeImage, sampleRecord } from '../../../test/support/metadata-fixtures';
import { embedRecord, readRecord } from './index';

const OPTIONS = { creatorTool: 'Seedbank test' };
const images: Record<'jpeg' | 'png' | 'webp', Uint8Array> = {
  jpeg: new Uint8Array(),
  png: new Uint8Array(),
  webp: new Uint8Array(),
};
beforeAll(async () => {
  images.jpeg = await makeImage('jpeg');
  images.png = await makeImage('png');
  images.webp = await makeImage('webp-lossy');
});

describe("an imported image's source in its record", () => {
  it.each(['jpeg', 'png', 'webp'] as const)(
    'survives embedding in %s exactly, odd characters and size included',
    (format) => {
      const source: RecordSource = {
        tool: 'automatic1111',
        fileName: 'ünïcødé <&> "name".png',
        // NULs, a lone surrogate and XML-special characters, and more than one JPEG segment holds.
        original: `a\u0000b \uD800 <x & y>\n${'long prompt '.repeat(20_000)}`,
        workflow: JSON.stringify({ nodes: [], links: [[1, 2]] }),
        parameters: { Steps: 20, Sampler: 'Euler a', negativePrompt: 'blurry' },
        sha256: 'a'.repeat(64),
      };
      const record = sampleRecord({ format, source });
      expect(readRecord(embedRecord(images[format], record, OPTIONS))?.source).toEqual(source);
    },
  );

  it('refuses to embed a source without a tool or with settings that are not text or numbers', () => {
    const bad = (source: unknown) => () =>
      embedRecord(images.png, sampleRecord({ format: 'png', source: source as RecordSource }), OPTIONS);
    expect(bad({ tool: '' })).toThrow(/source must be an object with a non-empty tool/);
    expect(bad({ tool: 'comfyui', parameters: { steps: { nested: 1 } } })).toThrow(/source.parameters/);
  });

  it('reads a record without a source (every record before import of other tools) as before', () => {
    const record = sampleRecord({ format: 'png' });
    expect(readRecord(embedRecord(images.png, record, OPTIONS))).not.toHaveProperty('source');
  });
});
