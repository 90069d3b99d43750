import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import {
  addImages,
  makeImageBytes,
  openTestLibrary,
  tempHome,
  type TestLibrary,
} from '../../../../test/support/library-test-kit';
import { readRecord } from '../../metadata';
import { utf8 } from '../../metadata/bytes';
import { writeJpegXmp } from '../../metadata/jpeg';
import { importDirectory, type ImportOutcome } from './import';
import { rebuildLibrary } from './rebuild';

let t: TestLibrary;
afterEach(async () => t?.close());

const WORKFLOW = JSON.stringify({ nodes: [{ id: 3, type: 'KSampler' }], links: [], version: 0.4 });
const a1111 = (prompt: string, seed: number): string =>
  `${prompt}\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: ${seed}, Size: 64x48, Model: sd15`;

/** One folder with every format, a copy, a sidecar, a plain image and a file that is no image. */
let files: Record<string, Uint8Array> = {};
beforeAll(async () => {
  const png = (n: number): Promise<Uint8Array> => makeImageBytes('png', 64, 48, n);
  files = {
    'a1111.png': withPngTexts(await png(1), [{ type: 'tEXt', keyword: 'parameters', text: A1111_TEXT }]),
    'forge.jpg': withJpegExif(
      await makeImageBytes('jpeg', 64, 48, 2),
      exifWithUserComment(userComment('UNICODE-BE', a1111('a windmill among tulip fields', 11))),
    ),
    'sdnext.webp': withWebpExif(
      await makeImageBytes('webp', 64, 48, 3),
      exifWithUserComment(userComment('ASCII', a1111('a desert caravan at dusk', 12))),
    ),
    'ComfyUI_00042_.png': withPngTexts(await png(4), [
      { type: 'tEXt', keyword: 'prompt', text: JSON.stringify(comfyGraph()) },
      { type: 'tEXt', keyword: 'workflow', text: WORKFLOW },
    ]),
    'invoke.png': withPngTexts(await png(5), [
      {
        type: 'iTXt',
        keyword: 'invokeai_metadata',
        text: JSON.stringify({ positive_prompt: 'a koi pond under lanterns', seed: 77, width: 64, height: 48 }),
      },
    ]),
    'fooocus.png': withPngTexts(await png(6), [
      { type: 'tEXt', keyword: 'parameters', text: JSON.stringify({ prompt: 'a paper boat on a puddle', seed: '88' }) },
      { type: 'tEXt', keyword: 'fooocus_scheme', text: 'fooocus' },
    ]),
    'lightroom.jpg': writeJpegXmp(
      await makeImageBytes('jpeg', 64, 48, 7),
      utf8(lightroomXmp('fishing boats at low tide', ['harbour'], ['Places|Brittany'], 4)),
      null,
    ),
    'orchard.png': await png(8),
    'orchard.xmp': utf8(lightroomXmp('an orchard in autumn', ['apples'], [], 2)),
    'IMG_4021.png': await png(9),
    'copy of a1111.png': new Uint8Array(0),
    'notes.png': utf8('not an image at all'),
  };
  files['copy of a1111.png'] = files['a1111.png'] ?? new Uint8Array(0);
});

function writeFolder(): string {
  const source = tempHome('seedbank-import-foreign-');
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(source, name), bytes);
  return source;
}

function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(folder)) out[name] = fs.readFileSync(path.join(folder, name)).toString('base64');
  return out;
}

function search(text: string) {
  return t.library.list({ filter: { search: text }, sort: 'newest', cursor: null, limit: 10 }).items;
}

describe('importing images other tools made', () => {
  it('imports a mixed folder as library images, each found by a word of its prompt with its seed', async () => {
    t = await openTestLibrary();
    const source = writeFolder();
    const before = snapshot(source);

    const outcome: ImportOutcome = await importDirectory(t.ctx, source);
    expect(outcome).toMatchObject({
      imported: 9,
      duplicates: 1,
      byTool: { automatic1111: 3, comfyui: 1, invokeai: 1, fooocus: 1, xmp: 2, file: 1 },
      unreadable: [{ file: path.join(source, 'notes.png'), reason: 'not a JPEG, PNG or WebP file' }],
    });
    expect(outcome.message).toContain('1 already in the library (skipped)');
    expect(snapshot(source)).toEqual(before);

    for (const [words, tool, seed] of [
      ['lighthouse basalt', 'automatic1111', 3141592653],
      ['windmill', 'automatic1111', 11],
      ['caravan', 'automatic1111', 12],
      ['greenhouse', 'comfyui', 8675309],
      ['koi lanterns', 'invokeai', 77],
      ['paper boat', 'fooocus', 88],
      ['fishing boats', 'xmp', null],
      ['orchard', 'xmp', null],
      ['IMG_4021', 'file', null],
    ] as const) {
      const found = search(words);
      expect(found, words).toHaveLength(1);
      expect(found[0], words).toMatchObject({ seed, source: { tool } });
    }
    // Page items are thin: tags come with the whole record by id.
    const whole = (words: string) => t.library.getGeneration(search(words)[0]!.id);
    expect(whole('harbour')).toMatchObject({ rating: 4, tags: ['harbour', 'Places/Brittany'] });
    expect(whole('orchard')).toMatchObject({ rating: 2, tags: ['apples'] });
  });

  it('keeps the original text and the ComfyUI workflow in the copy, which a rebuild reads back', async () => {
    t = await openTestLibrary();
    await importDirectory(t.ctx, writeFolder());
    const comfy = search('greenhouse')[0];
    const copy = readRecord(fs.readFileSync(path.join(t.home, comfy?.file ?? '')));
    expect(copy?.source).toMatchObject({
      tool: 'comfyui',
      fileName: 'ComfyUI_00042_.png',
      original: JSON.stringify(comfyGraph()),
      workflow: WORKFLOW,
      parameters: { steps: 30, cfg: 4.5, negativePrompt: 'people, text' },
    });
    const a1111Copy = readRecord(fs.readFileSync(path.join(t.home, search('lighthouse')[0]?.file ?? '')));
    expect(a1111Copy?.source?.original).toBe(A1111_TEXT);

    await t.library.whenIdle();
    await t.close();
    for (const name of ['library.db', 'library.db-wal', 'library.db-shm'])
      fs.rmSync(path.join(t.home, name), { force: true });
    t = await openTestLibrary(t.home);
    expect(await rebuildLibrary(t.ctx)).toMatchObject({ done: 9, failed: 0 });
    expect(search('IMG_4021')).toEqual([
      expect.objectContaining({ source: { tool: 'file', fileName: 'IMG_4021.png' } }),
    ]);
    expect(search('greenhouse')[0]).toMatchObject({ seed: 8675309, model: 'juggernaut_xl.safetensors' });
  });

  it('adds nothing when the same folder is imported again', async () => {
    t = await openTestLibrary();
    const source = writeFolder();
    await importDirectory(t.ctx, source);
    const again = await importDirectory(t.ctx, source);
    expect(again).toMatchObject({ imported: 0, duplicates: 10 });
    expect(t.library.list({ filter: {}, sort: 'newest', cursor: null, limit: 50 }).total).toBe(9);
  });

  it('filters the gallery by the tool an image was made with, Seedbank itself included', async () => {
    t = await openTestLibrary();
    const [own] = await addImages(t, 1);
    await importDirectory(t.ctx, writeFolder());
    const list = (source: string, search?: string) =>
      t.library.list({ filter: { source, search }, sort: 'newest', cursor: null, limit: 50 });
    expect(list('automatic1111').total).toBe(3);
    expect(list('automatic1111', 'windmill').items).toHaveLength(1);
    expect(list('comfyui').items.map((g) => g.prompt)).toEqual([
      'a glass greenhouse in the snow\nvolumetric morning light',
    ]);
    expect(list('seedbank').items.map((g) => g.id)).toEqual([own]);
    expect(list('seedbank').items[0]?.source).toBeUndefined();
  });

  it('shows what the other tool wrote in the detail view, and reads it from a dropped file', async () => {
    t = await openTestLibrary();
    await importDirectory(t.ctx, writeFolder());
    const comfy = search('greenhouse')[0];
    expect(t.library.getDetail(comfy?.id ?? '').madeWith).toEqual({
      tool: 'comfyui',
      fileName: 'ComfyUI_00042_.png',
      original: JSON.stringify(comfyGraph()),
      parameters: {
        steps: 30,
        cfg: 4.5,
        sampler_name: 'euler',
        scheduler: 'normal',
        denoise: 1,
        sampler_node: 'KSampler',
        negativePrompt: 'people, text',
      },
      hasWorkflow: true,
    });
    expect(t.library.getDetail(search('IMG_4021')[0]?.id ?? '').madeWith).toEqual({
      tool: 'file',
      fileName: 'IMG_4021.png',
      hasWorkflow: false,
    });

    expect(t.library.inspectFile(files['forge.jpg'] ?? new Uint8Array())).toMatchObject({
      prompt: 'a windmill among tulip fields',
      seed: 11,
      model: 'sd15',
      source: { tool: 'automatic1111', parameters: { Sampler: 'Euler a', negativePrompt: 'blurry' } },
    });
    expect(t.library.inspectFile(files['IMG_4021.png'] ?? new Uint8Array())).toBe(null);
  });
});
