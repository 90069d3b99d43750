/**
 * Builds a synthetic library for the benchmark: N generations with varied prompts, projects,
 * models, ratings, favourites, tags and references, inserted in bulk transactions through the
 * same upsert the app uses, each with a tiny but valid JPEG carrying its embedded record (so the
 * library can be rebuilt from its files, as a real one can).
 */
import fs, { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { EmbeddedRecord } from '../../shared/types';
import { newId } from '../../electron/core/ids';
import { openDatabase, transaction } from '../../electron/core/library/db/database';
import { saveGeneration } from '../../electron/core/library/db/upsert-generation';
import { sha256Hex } from '../../electron/core/library/files/inputs';
import { imageHome } from '../../electron/core/library/files/library-paths';
import { ensureProjectRow } from '../../electron/core/library/edits/projects';
import { embedRecord } from '../../electron/core/metadata';

const SUBJECTS = [
  'astronaut',
  'lighthouse',
  'fox',
  'moss garden',
  'nebula',
  'cathedral',
  'koi pond',
  'robot',
  'desert',
  'glacier',
  'violinist',
  'market',
  'owl',
  'submarine',
  'orchard',
  'bridge',
  'samurai',
  'jellyfish',
  'library',
  'volcano',
];
const STYLES = [
  'cinematic',
  'watercolor',
  'macro photo',
  'isometric',
  'oil painting',
  'film grain',
  'neon',
  'pastel',
  'ukiyo-e',
  'brutalist',
];
const LIGHT = [
  'at dusk',
  'at dawn',
  'under moonlight',
  'in fog',
  'in golden hour',
  'in the rain',
  'backlit',
  'studio lighting',
];
const TAGS = [
  'keeper',
  'fog',
  'dawn',
  'portfolio',
  'client',
  'wip',
  'print',
  'reference',
  'colour study',
  'favourite idea',
];
const MODELS = [
  'flux-2-pro',
  'flux-2-flex',
  'flux-kontext-pro',
  'flux-kontext-max',
  'flux-pro-1.1',
  'flux-pro-1.1-ultra',
];

/** A small seeded generator, so two runs build the same library. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One synthetic record: varied prompts, models, ratings, favourites, tags and references. Draws
 * from `random` in a fixed order, so a seeded generator gives the same library every time.
 */
export function syntheticRecord(
  random: () => number,
  i: number,
  created: Date,
  projectName: string | null,
): EmbeddedRecord {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const tags = TAGS.filter(() => random() < 0.12);
  return {
    version: 1,
    id: newId(created.getTime()),
    model: pick(MODELS),
    prompt: `a ${pick(STYLES)} ${pick(SUBJECTS)} ${pick(LIGHT)}, with a ${pick(SUBJECTS)} in the background #${i}`,
    upsampledPrompt:
      random() < 0.5 ? `A richly detailed ${pick(STYLES)} image of a ${pick(SUBJECTS)} ${pick(LIGHT)}` : null,
    seed: Math.floor(random() * 2 ** 32),
    width: 1024,
    height: 1024,
    format: 'jpeg',
    params: { aspect_ratio: '1:1', safety_tolerance: 2, output_format: 'jpeg' },
    inputs: random() < 0.1 ? [sha256Hex(new TextEncoder().encode(`ref-${i % 500}`))] : [],
    taskId: `task-${i}`,
    cost: 0.04,
    createdAt: created.toISOString(),
    submittedAt: created.toISOString(),
    finishedAt: created.toISOString(),
    projectName,
    favorite: random() < 0.05,
    rating: random() < 0.7 ? 0 : 1 + Math.floor(random() * 5),
    tags,
  };
}

export interface BuildOptions {
  count: number;
  /** Write an image file per row (needed for rebuild); rows only when false. */
  files: boolean;
  seed?: number;
  onProgress?: (done: number) => void;
}

export async function buildSyntheticLibrary(home: string, options: BuildOptions): Promise<void> {
  const random = seededRandom(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const db = openDatabase(path.join(home, 'library.db'));
  const tiny = new Uint8Array(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 40, g: 90, b: 60 } } })
      .jpeg({ quality: 60 })
      .toBuffer(),
  );
  const projects = Array.from({ length: 20 }, (_, i) => ensureProjectRow(db, `Project ${i + 1}`, new Date()));
  const start = Date.UTC(2024, 0, 1);
  const span = 2 * 365 * 24 * 3600 * 1000;
  const BATCH = 2000;
  for (let done = 0; done < options.count; done += BATCH) {
    const batch: { record: EmbeddedRecord; projectId: string | null; bytes: Uint8Array; location: string }[] = [];
    for (let i = done; i < Math.min(options.count, done + BATCH); i++) {
      const created = new Date(start + Math.floor(random() * span));
      const project = random() < 0.7 ? pick(projects) : null;
      const record = syntheticRecord(random, i, created, project?.name ?? null);
      const bytes = options.files ? embedRecord(tiny, record, { creatorTool: 'Seedbank bench' }) : tiny;
      batch.push({
        record,
        projectId: project?.id ?? null,
        bytes,
        location: imageHome(record.id, record.createdAt, 'jpeg'),
      });
    }
    if (options.files) {
      for (const item of batch) {
        const file = path.join(home, item.location);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, item.bytes);
      }
    }
    transaction(db, () => {
      for (const item of batch) {
        saveGeneration(db, {
          record: item.record,
          file: {
            file: item.location,
            format: 'jpeg',
            bytes: item.bytes.length,
            mtimeMs: Date.now(),
            sha256: sha256Hex(item.bytes),
          },
          jobId: null,
          projectId: item.projectId,
          trashedAt: null,
          // Thumbnails are not part of what is measured at 100k; mark them made.
          thumbMadeAt: new Date().toISOString(),
        });
      }
    });
    options.onProgress?.(Math.min(options.count, done + BATCH));
  }
  db.close();
}

/** Where the benchmarks keep their synthetic libraries between runs (`SEEDBANK_BENCH_DIR`). */
export function benchRoot(): string {
  return process.env.SEEDBANK_BENCH_DIR ?? path.join(os.tmpdir(), 'seedbank-bench');
}

/**
 * A cached library built by an earlier Seedbank is brought to this one's schema here, before
 * anything is timed: otherwise the first open inside a measure (or a scale point's child, whose
 * peak RSS is a row) would run the migration.
 */
export function migrateCachedLibrary(home: string): void {
  openDatabase(path.join(home, 'library.db')).close();
}

/** Builds the library in `home` once (about two minutes for 100,000 with files) and reuses it. */
export async function ensureBenchLibrary(home: string, count: number, files: boolean): Promise<void> {
  if (fs.existsSync(path.join(home, '.complete'))) return migrateCachedLibrary(home);
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const started = performance.now();
  await buildSyntheticLibrary(home, {
    count,
    files,
    onProgress: (done) => process.stderr.write(`\r  building ${path.basename(home)}: ${done}/${count}`),
  });
  process.stderr.write(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  fs.writeFileSync(path.join(home, '.complete'), '');
}
