/**
 * Import benchmark (issue 15): 10,000 mixed PNG / JPEG / WebP files of 512×512, each carrying
 * another tool's metadata (AUTOMATIC1111 in a PNG text chunk and in JPEG / WebP EXIF
 * UserComment, a ComfyUI graph, InvokeAI, Lightroom XMP), imported by `seedbank import`'s code
 * into an empty library until every record is in the index and searchable (rows + FTS).
 * Thumbnails are not part of it: they follow in the background pass. Beside it, in the same
 * run, `exiftool -json -r` reads the same files (only reading, no index).
 *
 * The source folder is built once (sharp encodes a few base images; each file gets its own
 * recipe, so every file's content hash differs) and reused with SEEDBANK_BENCH_DIR.
 * Writes bench/import.json. SEEDBANK_BENCH_IMPORT_COUNT changes the number of files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { importDirectory } from '../../electron/core/library/maintenance/import';
import { utf8 } from '../../electron/core/metadata/bytes';
import { writeJpegXmp } from '../../electron/core/metadata/jpeg';
import {
  comfyGraph,
  exifWithUserComment,
  lightroomXmp,
  userComment,
  withJpegExif,
  withPngTexts,
  withWebpExif,
} from '../support/foreign-fixtures';
import { testContext } from '../support/library-test-kit';
import { benchRoot } from './build-synthetic-library';
import { exiftoolReadMs } from './library-baselines';
import { benchTempDir, removeBenchTempDir } from '../../scripts/bench-temp.mjs';

const COUNT = Number(process.env.SEEDBANK_BENCH_IMPORT_COUNT ?? 10_000);
const SIZE = 512;
const KINDS = ['a1111-png', 'a1111-jpeg', 'a1111-webp', 'comfyui-png', 'invokeai-png', 'xmp-jpeg'] as const;
const WORDS = ['lighthouse', 'orchard', 'harbour', 'glacier', 'lantern', 'meadow', 'canyon', 'citadel'];

async function baseImage(format: 'png' | 'jpeg' | 'webp', seed: number): Promise<Uint8Array> {
  const data = Buffer.alloc(SIZE * SIZE * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 13 + seed * 101 + ((i / 3 / SIZE) | 0) * 5) % 256;
  const image = sharp(data, { raw: { width: SIZE, height: SIZE, channels: 3 } });
  const out =
    format === 'png'
      ? image.png({ compressionLevel: 6 })
      : format === 'jpeg'
        ? image.jpeg({ quality: 85 })
        : image.webp();
  return new Uint8Array(await out.toBuffer());
}

const a1111 = (prompt: string, seed: number) =>
  `${prompt}\nNegative prompt: blurry, lowres\nSteps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: ${seed}, Size: ${SIZE}x${SIZE}, Model: dreamshaper_8`;

/** The prompt of file `i`: one bench word (so a search has a known answer) and the file's number. */
const promptOf = (i: number) => `a ${WORDS[i % WORDS.length]} at dusk, study ${i}`;

async function buildSource(folder: string): Promise<void> {
  if (fs.existsSync(path.join(folder, '.complete'))) return;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const bases = {
    png: await Promise.all([1, 2, 3, 4].map((s) => baseImage('png', s))),
    jpeg: await Promise.all([5, 6, 7, 8].map((s) => baseImage('jpeg', s))),
    webp: await Promise.all([9, 10, 11, 12].map((s) => baseImage('webp', s))),
  };
  for (let i = 0; i < COUNT; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const pick = (list: Uint8Array[]) => list[i % list.length]!;
    const prompt = promptOf(i);
    let bytes: Uint8Array;
    let name: string;
    if (kind === 'a1111-png') {
      bytes = withPngTexts(pick(bases.png), [{ type: 'tEXt', keyword: 'parameters', text: a1111(prompt, i) }]);
      name = `${i}.png`;
    } else if (kind === 'a1111-jpeg') {
      bytes = withJpegExif(pick(bases.jpeg), exifWithUserComment(userComment('UNICODE-LE', a1111(prompt, i))));
      name = `${i}.jpg`;
    } else if (kind === 'a1111-webp') {
      bytes = withWebpExif(pick(bases.webp), exifWithUserComment(userComment('ASCII', a1111(prompt, i))));
      name = `${i}.webp`;
    } else if (kind === 'comfyui-png') {
      const graph = comfyGraph() as Record<string, { inputs: Record<string, unknown> }>;
      graph['6']!.inputs.text = prompt;
      graph['10']!.inputs.value = i;
      bytes = withPngTexts(pick(bases.png), [{ type: 'tEXt', keyword: 'prompt', text: JSON.stringify(graph) }]);
      name = `ComfyUI_${String(i).padStart(5, '0')}_.png`;
    } else if (kind === 'invokeai-png') {
      const meta = { positive_prompt: prompt, seed: i, width: SIZE, height: SIZE, model: { name: 'sdxl' } };
      bytes = withPngTexts(pick(bases.png), [
        { type: 'iTXt', keyword: 'invokeai_metadata', text: JSON.stringify(meta) },
      ]);
      name = `invoke-${i}.png`;
    } else {
      bytes = writeJpegXmp(pick(bases.jpeg), utf8(lightroomXmp(prompt, ['bench'], ['Bench|Import'], i % 6)), null);
      name = `DSC_${i}.jpg`;
    }
    // A few hundred files per folder, as tools write them (by day or by batch).
    const dir = path.join(folder, `batch-${Math.floor(i / 500)}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  fs.writeFileSync(path.join(folder, '.complete'), '');
}

/** CPU time of the children this process has waited for (Linux; 0 elsewhere). */
function childrenCpuMs(): number {
  try {
    // Fields 16 and 17 of /proc/self/stat (after the command name in parentheses): cutime, cstime in ticks.
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const source = path.join(benchRoot(), `import-source-${COUNT}`);
  const built = performance.now();
  await buildSource(source);
  console.log(`  source: ${COUNT} files in ${((performance.now() - built) / 1000).toFixed(1)} s (cached after)`);

  const home = benchTempDir('import');
  try {
    const ctx = testContext(home);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const outcome = await importDirectory(ctx, source);
    const importMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    const importCpuMs = (cpu.user + cpu.system) / 1000;
    // Searchable means in the full-text index: every file's word finds its share of the files.
    const found = (
      ctx.db.prepare('SELECT count(*) AS n FROM generations_fts WHERE generations_fts MATCH ?').get(WORDS[0] ?? '') as {
        n: number;
      }
    ).n;
    const expected = Math.ceil(COUNT / WORDS.length);
    const rows = (ctx.db.prepare('SELECT count(*) AS n FROM generations').get() as { n: number }).n;
    ctx.db.close();
    const childCpuBefore = childrenCpuMs();
    const exiftoolMs = exiftoolReadMs(source);
    const exiftoolCpuMs = childrenCpuMs() - childCpuBefore;

    const r1 = (v: number) => Math.round(v * 10) / 10;
    const ratio = (a: number, b: number | null) => (b ? Math.round((a / b) * 100) / 100 : null);
    const complete = outcome.imported === COUNT && rows === COUNT && found === expected;
    const results = {
      machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
      files: COUNT,
      importMs,
      imported: outcome.imported,
      byTool: outcome.byTool,
      unreadable: outcome.unreadable.length,
      searchable: { word: WORDS[0], found, expected },
      // CPU time (all threads) beside wall time: on a busy machine the ratio of these is the steadier figure.
      importCpuMs,
      baselines: { exiftoolReadMs: exiftoolMs, exiftoolCpuMs },
      rows: [
        {
          metric: `import of ${COUNT.toLocaleString('en')} mixed PNG/JPEG/WebP 512×512 files with other tools' metadata, records + FTS — baseline: exiftool -json -r reading them`,
          value: r1(importMs / 1000),
          baseline: exiftoolMs === null ? null : r1(exiftoolMs / 1000),
          ratio: ratio(importMs, exiftoolMs),
          unit: 's',
          target: '≤ 30 s, < baseline',
          ok: complete && importMs <= 30_000 && exiftoolMs !== null && importMs < exiftoolMs,
        },
      ],
    };
    console.log(
      `  import: ${r1(importMs / 1000)} s for ${outcome.imported} of ${COUNT} (${JSON.stringify(outcome.byTool)}), ` +
        `${outcome.unreadable.length} unreadable; "${WORDS[0]}" finds ${found} of ${expected}`,
    );
    console.log(`  exiftool -json -r: ${exiftoolMs === null ? 'not installed' : `${r1(exiftoolMs / 1000)} s`}`);
    console.log(`  CPU time: import ${r1(importCpuMs / 1000)} s, exiftool ${r1(exiftoolCpuMs / 1000)} s`);
    fs.mkdirSync('bench', { recursive: true });
    fs.writeFileSync(path.join('bench', 'import.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    removeBenchTempDir(home);
  }
}

await main();
