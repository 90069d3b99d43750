/**
 * Library benchmark: numbers, not pass/fail. Builds a synthetic 100,000-image library in a temp
 * folder (reused between runs with SEEDBANK_BENCH_DIR), then measures what a person feels:
 * opening the gallery, searching, filtering, adding an image, making a thumbnail, rebuilding
 * 10,000 images from their files, and memory with the library open.
 *
 * Run: npx esbuild test/bench/library-bench.ts --bundle --platform=node --format=esm \
 *        --packages=external --outfile=out/bench/library-bench.mjs && node out/bench/library-bench.mjs
 * Writes bench/library.json. SEEDBANK_BENCH_COUNT changes the library size.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { EmbeddedRecord } from '../../shared/types';
import type { CoreContext } from '../../electron/core/context';
import { EventBus } from '../../electron/core/events';
import { newId } from '../../electron/core/ids';
import { openDatabase } from '../../electron/core/library/db/database';
import { Library } from '../../electron/core/library/library';
import type { LibraryFilter } from '../../electron/core/library/query/gallery-page';
import { rebuildLibrary } from '../../electron/core/library/maintenance/rebuild';
import { makeThumbnail } from '../../electron/core/library/files/thumbnails';
import { silentLogger } from '../../electron/core/logging/logger';
import { appPaths } from '../../electron/core/paths';
import { benchRoot, ensureBenchLibrary } from './build-synthetic-library';
import { frontDoorRows, importSource, measureFrontDoor, type FrontDoorFigures } from './front-door';
import { exiftoolReadMs, likeMedianMs, rawFtsMedianMs } from './library-baselines';

const COUNT = Number(process.env.SEEDBANK_BENCH_COUNT ?? 100_000);
const REBUILD_COUNT = Number(process.env.SEEDBANK_BENCH_REBUILD_COUNT ?? 10_000);
const IMPORT_COUNT = Number(process.env.SEEDBANK_BENCH_IMPORT_COUNT ?? Math.min(REBUILD_COUNT, 2_000));

function context(home: string): CoreContext {
  const none = async () => {
    throw new Error('not in the benchmark');
  };
  return {
    paths: appPaths(home),
    logger: silentLogger,
    bus: new EventBus(),
    settings: {
      get: () => ({}) as never,
      update: () => ({}) as never,
      notice: null,
      apiBase: () => '',
      apiBaseFromEnvironment: false,
    },
    keys: { getKey: async () => null, status: none, set: none, clear: none },
    db: openDatabase(appPaths(home).database),
    fetch: none,
    now: () => new Date(),
    assetUrl: (p) => `seedbank-asset://library/${p}`,
    ownerId: 'bench',
    version: 'bench',
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function time(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function repeat(times: number, work: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await time(() => work(i)));
  return out;
}

/** RSS in a fresh process: the library opened, one page listed, one search run. */
async function measureRss(home: string): Promise<void> {
  const ctx = context(home);
  const library = new Library(ctx, { backgroundMaintenance: false });
  await library.start();
  library.list({ filter: {}, sort: 'newest', cursor: null, limit: 200 });
  library.list({ filter: { search: 'astro' }, sort: 'newest', cursor: null, limit: 200 });
  process.stdout.write(JSON.stringify({ rss: process.memoryUsage().rss }));
  await library.close();
  ctx.db.close();
}

/**
 * The front door during long work, in the process doing it (as the app's main process does):
 * a rebuild of the `small` library's whole index, then an import of IMPORT_COUNT of its files
 * into an empty library, each with a first page asked for every 100 ms.
 */
async function frontDoorDuringWork(small: string): Promise<{ rebuild: FrontDoorFigures; importing: FrontDoorFigures }> {
  for (const name of ['library.db', 'library.db-wal', 'library.db-shm'])
    fs.rmSync(path.join(small, name), { force: true });
  const rebuildCtx = context(small);
  // The app's own entry points (progress events included); thumbnails after them are left out.
  const options = { backgroundMaintenance: false, thumbnailsAfterTasks: false };
  const rebuildLib = new Library(rebuildCtx, options);
  await rebuildLib.start();
  const rebuild = await measureFrontDoor(rebuildLib, () => rebuildLib.rebuild());
  await rebuildLib.close();
  rebuildCtx.db.close();

  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-import-bench-'));
  const source = importSource(path.join(small, 'images'), IMPORT_COUNT);
  try {
    const importCtx = context(home);
    const importLib = new Library(importCtx, options);
    await importLib.start();
    const importing = await measureFrontDoor(importLib, () => importLib.import(source.dir));
    await importLib.close();
    importCtx.db.close();
    return { rebuild, importing };
  } finally {
    source.remove();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const root = benchRoot();
  const big = path.join(root, `library-${COUNT}`);
  const small = path.join(root, `rebuild-${REBUILD_COUNT}`);
  await ensureBenchLibrary(big, COUNT, true);
  await ensureBenchLibrary(small, REBUILD_COUNT, true);

  // Open + first page, each time on a fresh connection and a fresh Library.
  const openRuns = await repeat(7, async () => {
    const ctx = context(big);
    const library = new Library(ctx, { backgroundMaintenance: false });
    await library.start();
    library.list({ filter: {}, sort: 'newest', cursor: null, limit: 200 });
    await library.close();
    ctx.db.close();
  });

  const ctx = context(big);
  const library = new Library(ctx, { backgroundMaintenance: false });
  await library.start();
  const page = (filter: LibraryFilter, sort: 'newest' | 'oldest' | 'rating' = 'newest', cursor: string | null = null) =>
    library.list({ filter, sort, cursor, limit: 200 });

  const terms = [
    'astro',
    'moss garden',
    'neb',
    'lighthouse dusk',
    'watercolor fox',
    'keeper',
    'jelly',
    'golden hour',
    'samurai rain',
    'ukiyo',
  ];
  const searchRuns = await repeat(40, (i) => page({ search: terms[i % terms.length] }));
  const rawFtsMs = rawFtsMedianMs(ctx.db, terms, 40);
  const likeMs = likeMedianMs(ctx.db, terms, 20);

  const projectId = library.projects.list().projects[0]?.id ?? null;
  const second = page({}).nextCursor;
  const filters: [LibraryFilter, 'newest' | 'oldest' | 'rating', string | null][] = [
    [{ projectId }, 'rating', null],
    [{ favorite: true }, 'newest', null],
    [{ tag: 'portfolio' }, 'oldest', null],
    [{ model: 'flux-kontext-max', minRating: 3 }, 'newest', null],
    [{ projectId: null, hasReferences: true }, 'newest', null],
    [{ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' }, 'oldest', null],
    [{}, 'newest', second],
  ];
  const filterRuns = await repeat(35, (i) => {
    const [filter, sort, cursor] = filters[i % filters.length]!;
    return page(filter, sort, cursor);
  });

  const tiny = new Uint8Array(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#345' } })
      .jpeg()
      .toBuffer(),
  );
  const { saveGeneration } = await import('../../electron/core/library/db/upsert-generation');
  const { transaction } = await import('../../electron/core/library/db/database');
  const record = (): EmbeddedRecord => ({
    version: 1,
    id: newId(),
    model: 'flux-2-pro',
    prompt: 'a benchmark insert of an astronaut',
    upsampledPrompt: null,
    seed: 1,
    width: 16,
    height: 16,
    format: 'jpeg',
    params: {},
    inputs: [],
    taskId: null,
    cost: 0.04,
    createdAt: new Date().toISOString(),
    submittedAt: null,
    finishedAt: null,
    projectName: null,
    favorite: false,
    rating: 0,
    tags: ['bench'],
  });
  const insertRuns = await repeat(50, () => {
    const r = record();
    transaction(ctx.db, () =>
      saveGeneration(ctx.db, {
        record: r,
        file: {
          file: `images/bench/${r.id}.jpg`,
          format: 'jpeg',
          bytes: tiny.length,
          mtimeMs: Date.now(),
          sha256: r.id,
        },
        jobId: null,
        projectId: null,
        trashedAt: null,
        thumbMadeAt: null,
      }),
    );
  });

  const megapixel = await makeMegapixelJpeg();
  const thumbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedbank-thumb-'));
  await makeThumbnail(megapixel, path.join(thumbDir, 'warm.webp'));
  const thumbRuns = await repeat(15, (i) => makeThumbnail(megapixel, path.join(thumbDir, `${i}.webp`)));
  fs.rmSync(thumbDir, { recursive: true, force: true });
  const addRuns = await repeat(15, () =>
    library.addImage({ record: record(), bytes: megapixel, jobId: null, projectId: null }),
  );
  await library.close();
  ctx.db.close();

  // Rebuild 10,000 from the files alone: the index deleted first.
  for (const name of ['library.db', 'library.db-wal', 'library.db-shm'])
    fs.rmSync(path.join(small, name), { force: true });
  const smallCtx = context(small);
  let rebuilt = 0;
  const rebuildMs = await time(async () => {
    rebuilt = (await rebuildLibrary(smallCtx)).done;
  });
  smallCtx.db.close();
  const exiftoolMs = exiftoolReadMs(path.join(small, 'images'));
  const frontDoor = await frontDoorDuringWork(small);

  const rss = JSON.parse(
    execFileSync(process.execPath, [process.argv[1] ?? '', '--rss', big], { encoding: 'utf8' }),
  ) as { rss: number };

  const results = {
    machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
    images: COUNT,
    openFirstPageMs: median(openRuns),
    searchMedianMs: median(searchRuns),
    filterSortPageMs: median(filterRuns),
    insertMs: median(insertRuns),
    thumbnail1MpMs: median(thumbRuns),
    addImage1MpMs: median(addRuns),
    rebuild10kMs: rebuildMs,
    rebuildIndexed: rebuilt,
    rssMb: rss.rss / 1024 / 1024,
    frontDoor,
    baselines: { rawFtsMedianMs: rawFtsMs, likeMedianMs: likeMs, exiftoolRead10kMs: exiftoolMs },
  };
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const ratio = (a: number, b: number | null) => (b ? Math.round((a / b) * 100) / 100 : null);
  const rows = [
    {
      metric: `open + first page of 200 (${COUNT.toLocaleString('en')} images)`,
      value: r1(results.openFirstPageMs),
      unit: 'ms',
      target: '≤ 100 ms',
      ok: results.openFirstPageMs <= 100,
    },
    {
      metric: 'full-text search, median — baseline: raw FTS5 query',
      value: r1(results.searchMedianMs),
      baseline: r1(rawFtsMs),
      ratio: ratio(results.searchMedianMs, rawFtsMs),
      unit: 'ms',
      target: '≤ 10 ms, ≤ 1.5×',
      ok: results.searchMedianMs <= 10 && results.searchMedianMs <= rawFtsMs * 1.5,
    },
    {
      metric: "full-text search, median — baseline: LIKE '%word%' over prompts",
      value: r1(results.searchMedianMs),
      baseline: r1(likeMs),
      ratio: ratio(results.searchMedianMs, likeMs),
      unit: 'ms',
      target: '',
      ok: true,
    },
    {
      metric: 'filter + sort page',
      value: r1(results.filterSortPageMs),
      unit: 'ms',
      target: '≤ 20 ms',
      ok: results.filterSortPageMs <= 20,
    },
    {
      metric: 'insert one generation',
      value: r1(results.insertMs),
      unit: 'ms',
      target: '≤ 5 ms',
      ok: results.insertMs <= 5,
    },
    {
      metric: `thumbnail of a 1 MP JPEG (photo-like, ${Math.round(megapixel.length / 1000)} kB; libvips cache off, as in use)`,
      value: r1(results.thumbnail1MpMs),
      unit: 'ms',
      target: '≤ 40 ms',
      ok: results.thumbnail1MpMs <= 40,
    },
    {
      metric: `rebuild of ${REBUILD_COUNT.toLocaleString('en')} images — baseline: exiftool -json -r reading them`,
      value: r1(results.rebuild10kMs / 1000),
      baseline: exiftoolMs === null ? null : r1(exiftoolMs / 1000),
      ratio: ratio(results.rebuild10kMs, exiftoolMs),
      unit: 's',
      target: '< baseline',
      ok: exiftoolMs !== null && results.rebuild10kMs < exiftoolMs,
    },
    ...frontDoorRows(`a rebuild of ${REBUILD_COUNT.toLocaleString('en')} images`, frontDoor.rebuild),
    ...frontDoorRows(`an import of ${IMPORT_COUNT.toLocaleString('en')} images`, frontDoor.importing),
    {
      metric: 'RSS with the library open',
      value: r1(results.rssMb),
      unit: 'MB',
      target: '≤ 200 MB',
      ok: results.rssMb <= 200,
    },
  ];
  Object.assign(results, { rows });
  const targets: [string, number, number, string][] = [
    ['open + first page of 200', results.openFirstPageMs, 100, 'ms'],
    ['full-text search (median)', results.searchMedianMs, 10, 'ms'],
    ['  raw FTS5 query (median)', rawFtsMs, 10, 'ms'],
    ["  LIKE '%word%' (median)", likeMs, Number.POSITIVE_INFINITY, 'ms'],
    ['filter + sort page (median)', results.filterSortPageMs, 20, 'ms'],
    ['insert one generation (row)', results.insertMs, 5, 'ms'],
    ['thumbnail of a 1 MP JPEG', results.thumbnail1MpMs, 40, 'ms'],
    ['addImage of a 1 MP JPEG', results.addImage1MpMs, 60, 'ms'],
    [`rebuild ${REBUILD_COUNT} images`, results.rebuild10kMs / 1000, 60, 's'],
    ['  exiftool -json -r reading them', (exiftoolMs ?? Number.NaN) / 1000, 60, 's'],
    ['RSS with the library open', results.rssMb, 200, 'MB'],
  ];
  for (const [what, f] of Object.entries(frontDoor))
    console.log(
      `during ${what}: event loop p99 ${f.eventLoopP99Ms.toFixed(1)} ms (max ${f.eventLoopMaxMs.toFixed(1)}), library:list p50/p95/max ${f.listP50Ms.toFixed(1)} / ${f.listP95Ms.toFixed(1)} / ${f.listMaxMs.toFixed(1)} ms over ${f.requests} requests, work ${(f.workMs / 1000).toFixed(1)} s`,
    );
  console.log(`\nSeedbank library benchmark — ${COUNT} images, ${os.cpus().length} CPUs, Node ${process.version}\n`);
  console.log(`${'measure'.padEnd(32)} ${'value'.padStart(10)} ${'target'.padStart(10)}`);
  for (const [name, value, target, unit] of targets) {
    const mark = value <= target ? 'ok' : 'OVER';
    console.log(
      `${name.padEnd(32)} ${`${value.toFixed(1)} ${unit}`.padStart(10)} ${`≤ ${target} ${unit}`.padStart(10)}  ${mark}`,
    );
  }
  fs.mkdirSync('bench', { recursive: true });
  fs.writeFileSync(path.join('bench', 'library.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwritten to bench/library.json');
}

/**
 * A 1 MP JPEG like a generated image: smooth gradients with fine texture, ~230 kB at quality 90
 * (FLUX's 1 MP JPEGs are 150–300 kB). The earlier test pattern (hard stripes, 740 kB) cost twice
 * the decode time of a real image, since JPEG decoding scales with the compressed bytes.
 */
async function makeMegapixelJpeg(): Promise<Uint8Array> {
  const width = 1024;
  const height = 1024;
  const noise = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .blur(1.2)
    .raw()
    .toBuffer();
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x / 4 + noise[i]! / 4) | 0;
      data[i + 1] = (y / 4 + noise[i + 1]! / 4) | 0;
      data[i + 2] = ((x + y) / 8 + noise[i + 2]! / 3) | 0;
    }
  }
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
}

if (process.argv[2] === '--rss') await measureRss(process.argv[3] ?? '');
else if (process.argv[2] === '--front-door') {
  // Only the front-door rows (a quick check while working on them).
  const small = path.join(benchRoot(), `rebuild-${REBUILD_COUNT}`);
  await ensureBenchLibrary(small, REBUILD_COUNT, true);
  console.log(JSON.stringify(await frontDoorDuringWork(small), null, 2));
} else await main();
