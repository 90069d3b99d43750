import { beforeAll, describe, expect, it } from 'vitest';
import {
  A1111_TEXT,
  comfyGraph,
  exifWithUserComment,
  lightroomXmp,
  userComment,
  withJpegExif,
  withPngTexts,
  withWebpExif,
} from '../../../../test/support/foreign-fixtures';
import { makeImage } from '../../../../test/support/metadata-fixtures';
import { embedRecord } from '../index';
import { sampleRecord } from '../../../../test/support/metadata-fixtures';
import { readForeignRecord, readXmpSidecar } from './index';

let png: Uint8Array = new Uint8Array();
let jpeg: Uint8Array = new Uint8Array();
let webp: Uint8Array = new Uint8Array();
beforeAll(async () => {
  png = await makeImage('png');
  jpeg = await makeImage('jpeg');
  webp = await makeImage('webp-lossy');
});

function expectA1111(bytes: Uint8Array): void {
  const record = readForeignRecord(bytes);
  expect(record).toMatchObject({
    tool: 'automatic1111',
    prompt: 'a lighthouse on a basalt cliff, storm clouds',
    negativePrompt: 'blurry, lowres',
    seed: 3141592653,
    width: 768,
    height: 512,
    model: 'dreamshaper_8',
    parameters: { Steps: 28, Sampler: 'DPM++ 2M Karras', 'CFG scale': 6.5, 'Lora hashes': 'a: 1, b: 2' },
    original: A1111_TEXT,
  });
}

describe('AUTOMATIC1111 / Forge', () => {
  it.each(['tEXt', 'zTXt', 'iTXt'] as const)('reads PNG parameters from a %s chunk', (type) => {
    expectA1111(withPngTexts(png, [{ type, keyword: 'parameters', text: A1111_TEXT }]));
  });

  it('reads a non-Latin prompt from a compressed iTXt chunk', () => {
    const text = A1111_TEXT.replace('a lighthouse', '灯台と嵐');
    const record = readForeignRecord(
      withPngTexts(png, [{ type: 'iTXt', keyword: 'parameters', text, compressed: true }]),
    );
    expect(record?.prompt).toBe('灯台と嵐 on a basalt cliff, storm clouds');
  });

  it.each([
    ['ASCII', false],
    ['UNICODE-BE', false],
    ['UNICODE-LE', false],
    ['UNICODE-BE', true],
    ['UNICODE-LE', true],
  ] as const)('reads a JPEG EXIF UserComment in %s (big-endian EXIF: %s)', (code, bigEndian) => {
    expectA1111(withJpegExif(jpeg, exifWithUserComment(userComment(code, A1111_TEXT), bigEndian)));
  });

  it('reads a WebP EXIF chunk', () => {
    expectA1111(withWebpExif(webp, exifWithUserComment(userComment('UNICODE-BE', A1111_TEXT))));
  });

  it('takes a plain prompt with no settings line as no record', () => {
    expect(readForeignRecord(withPngTexts(png, [{ type: 'tEXt', keyword: 'parameters', text: 'just words' }]))).toBe(
      null,
    );
  });
});

describe('ComfyUI', () => {
  it('reads the prompt from the encoders feeding the sampler, seed and steps from the sampler', () => {
    const workflow = JSON.stringify({ nodes: [{ id: 3, type: 'KSampler' }], links: [] });
    const bytes = withPngTexts(png, [
      { type: 'tEXt', keyword: 'prompt', text: JSON.stringify(comfyGraph()) },
      { type: 'tEXt', keyword: 'workflow', text: workflow },
    ]);
    const record = readForeignRecord(bytes);
    expect(record).toMatchObject({
      tool: 'comfyui',
      prompt: 'a glass greenhouse in the snow\nvolumetric morning light',
      negativePrompt: 'people, text',
      seed: 8675309,
      width: 1024,
      height: 640,
      model: 'juggernaut_xl.safetensors',
      parameters: { steps: 30, cfg: 4.5, sampler_name: 'euler', scheduler: 'normal' },
      workflow,
    });
  });

  it('tolerates cycles and links to missing nodes', () => {
    const graph = comfyGraph() as Record<string, { inputs: Record<string, unknown> }>;
    // 9 → 12 → 9 loops; the negative input names a node that is not there; the model input the sampler itself.
    graph['12'] = { inputs: { conditioning: ['9', 0] } };
    (graph['9'] as { inputs: Record<string, unknown> }).inputs.conditioning_3 = ['12', 0];
    (graph['3'] as { inputs: Record<string, unknown> }).inputs.negative = ['404', 0];
    (graph['3'] as { inputs: Record<string, unknown> }).inputs.model = ['3', 0];
    const record = readForeignRecord(
      withPngTexts(png, [{ type: 'tEXt', keyword: 'prompt', text: JSON.stringify(graph) }]),
    );
    expect(record?.prompt).toBe('a glass greenhouse in the snow\nvolumetric morning light');
    expect(record?.negativePrompt).toBe(null);
    expect(record?.model).toBe(null);
    expect(record?.seed).toBe(8675309);
  });

  it('keeps a seed beyond 2^53 as text rather than a wrong number', () => {
    const text = JSON.stringify(comfyGraph()).replace('["10",0]', '18446744073709551615');
    const record = readForeignRecord(withPngTexts(png, [{ type: 'tEXt', keyword: 'prompt', text }]));
    expect(record?.seed).toBe(null);
    expect(record?.parameters.seed).toBe('18446744073709552000');
  });
});

describe('InvokeAI', () => {
  it('reads invokeai_metadata', () => {
    const text = JSON.stringify({
      positive_prompt: 'a koi pond at dusk',
      negative_prompt: 'noise',
      seed: 77,
      width: 896,
      height: 1152,
      model: { name: 'sdxl-base', base: 'sdxl' },
      steps: 40,
      cfg_scale: 7.5,
      scheduler: 'dpmpp_2m',
    });
    const record = readForeignRecord(withPngTexts(png, [{ type: 'iTXt', keyword: 'invokeai_metadata', text }]));
    expect(record).toMatchObject({
      tool: 'invokeai',
      prompt: 'a koi pond at dusk',
      negativePrompt: 'noise',
      seed: 77,
      width: 896,
      height: 1152,
      model: 'sdxl-base',
      parameters: { steps: 40, cfg_scale: 7.5, scheduler: 'dpmpp_2m' },
    });
  });

  it('reads the older sd-metadata and Dream texts', () => {
    const sd = JSON.stringify({
      model_weights: 'stable-diffusion-1.5',
      image: { prompt: [{ prompt: 'an owl in a library', weight: 1 }], seed: 5, width: 512, height: 512, steps: 50 },
    });
    expect(readForeignRecord(withPngTexts(png, [{ type: 'tEXt', keyword: 'sd-metadata', text: sd }]))).toMatchObject({
      tool: 'invokeai',
      prompt: 'an owl in a library',
      seed: 5,
      model: 'stable-diffusion-1.5',
    });
    const dream = '"an owl \\"reading\\"" -s 50 -S 1234 -W 640 -H 448 -C 7.5 -A k_lms';
    expect(readForeignRecord(withPngTexts(png, [{ type: 'tEXt', keyword: 'Dream', text: dream }]))).toMatchObject({
      tool: 'invokeai',
      prompt: 'an owl "reading"',
      seed: 1234,
      width: 640,
      height: 448,
      parameters: { steps: 50, cfg_scale: 7.5, sampler: 'k_lms' },
    });
  });
});

describe('Fooocus', () => {
  it('reads the JSON parameters of the fooocus scheme', () => {
    const text = JSON.stringify({
      prompt: 'a paper boat on a puddle',
      negative_prompt: 'cartoon',
      resolution: '(1152, 896)',
      seed: '987654321',
      base_model: 'juggernautXL_v8Rundiffusion',
      steps: 30,
      guidance_scale: 4,
      sampler: 'dpmpp_2m_sde_gpu',
      styles: ['Fooocus V2', 'Fooocus Enhance'],
    });
    const bytes = withPngTexts(png, [
      { type: 'tEXt', keyword: 'parameters', text },
      { type: 'tEXt', keyword: 'fooocus_scheme', text: 'fooocus' },
    ]);
    expect(readForeignRecord(bytes)).toMatchObject({
      tool: 'fooocus',
      prompt: 'a paper boat on a puddle',
      negativePrompt: 'cartoon',
      seed: 987654321,
      width: 1152,
      height: 896,
      model: 'juggernautXL_v8Rundiffusion',
      parameters: { steps: 30, guidance_scale: 4, sampler: 'dpmpp_2m_sde_gpu', styles: 'Fooocus V2, Fooocus Enhance' },
    });
  });
});

describe('XMP from Lightroom, Bridge and exiftool', () => {
  const packet = lightroomXmp('harbour at low tide', ['harbour', 'boats'], ['Places|Brittany|Roscoff'], 4);

  it('reads a sidecar: description, rating, keywords and hierarchical keywords', () => {
    expect(readXmpSidecar(packet)).toMatchObject({
      tool: 'xmp',
      prompt: 'harbour at low tide',
      rating: 4,
      tags: ['harbour', 'boats', 'Places/Brittany/Roscoff'],
    });
  });

  it('lays embedded XMP keywords and rating over a generator record', () => {
    const withParameters = withPngTexts(png, [{ type: 'tEXt', keyword: 'parameters', text: A1111_TEXT }]);
    // A Seedbank record's XMP stands in for a Lightroom edit: it carries dc:subject and xmp:Rating.
    const tagged = embedRecord(withParameters, sampleRecord({ format: 'png', tags: ['keeper'], rating: 5 }), {
      creatorTool: 'test',
    });
    expect(readForeignRecord(tagged)).toMatchObject({ tool: 'automatic1111', tags: ['keeper'], rating: 5 });
  });

  it('turns a damaged sidecar into no record', () => {
    expect(readXmpSidecar('<x:xmpmeta><rdf:RDF')).toBe(null);
  });
});
