/**
 * Builds a rows-only library for the scale curve (10,000 to 1,000,000 generations): the same
 * records as the synthetic library, but no image files, inserted in bulk. Going through
 * `saveGeneration` row by row (upsert, seq lookup, tag diff, FTS triggers per tag) would take over
 * an hour at 1,000,000; here the search index is dropped first and rebuilt once from the rows at
 * the end (the same `createSearchIndex` a migration uses), rows are inserted in seq order so the
 * seq indexes only ever append, and each batch is one transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, transaction } from '../../electron/core/library/db/database';
import { createSearchIndex, dropSearchIndex } from '../../electron/core/library/db/search-index';
import { SEQ_SLOTS } from '../../electron/core/library/db/upsert-generation';
import { sha256Hex } from '../../electron/core/library/files/inputs';
import { imageHome } from '../../electron/core/library/files/library-paths';
import { ensureProjectRow } from '../../electron/core/library/edits/projects';
import { migrateCachedLibrary, seededRandom, syntheticRecord } from './build-synthetic-library';

const BATCH = 20_000;

export async function buildScaleLibrary(
  home: string,
  count: number,
  onProgress?: (done: number) => void,
): Promise<void> {
  const random = seededRandom(11);
  const db = openDatabase(path.join(home, 'library.db'));
  // A throwaway build: a crash means building again, so no journal and no fsync while filling
  // (in WAL every page would be written twice: to the log, then to the database). WAL again at
  // the end, as the app opens it.
  db.exec('PRAGMA journal_mode = OFF');
  db.exec('PRAGMA synchronous = OFF');
  db.exec('PRAGMA cache_size = -65536');
  dropSearchIndex(db);
  // Secondary indexes keyed by project, model, rating or hash take inserts at random places;
  // built once from sorted rows at the end they cost a fraction. Recreated from their own SQL.
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('generations', 'generation_tags', 'generation_inputs')`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  const projects = Array.from({ length: 20 }, (_, i) => ensureProjectRow(db, `Project ${i + 1}`, new Date()));
  const insertRow = db.prepare(
    `INSERT INTO generations (id, task_id, project_id, model, prompt, upsampled_prompt, seed, width, height, format,
       params, cost, created_at, submitted_at, finished_at, file, file_bytes, file_mtime_ms, sha256, favorite, rating,
       thumb_made_at, seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'jpeg', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTag = db.prepare('INSERT INTO generation_tags (generation_id, tag, seq) VALUES (?, ?, ?)');
  const insertInput = db.prepare('INSERT INTO generation_inputs (generation_id, slot, hash) VALUES (?, ?, ?)');
  const start = Date.UTC(2024, 0, 1);
  const span = 2 * 365 * 24 * 3600 * 1000;
  const madeAt = new Date().toISOString();
  let lastMs = -1;
  let tie = 0;
  for (let done = 0; done < count; done += BATCH) {
    transaction(db, () => {
      for (let i = done; i < Math.min(count, done + BATCH); i++) {
        // Spread evenly over two years, in order: each row's seq is above the last one.
        const ms = start + Math.floor(((i + random()) * span) / count);
        tie = ms === lastMs ? tie + 1 : 0;
        lastMs = ms;
        const seq = ms * SEQ_SLOTS + tie;
        const created = new Date(ms);
        const project = random() < 0.7 ? projects[Math.floor(random() * projects.length)] : undefined;
        const record = syntheticRecord(random, i, created, project?.name ?? null);
        insertRow.run(
          record.id,
          record.taskId,
          project?.id ?? null,
          record.model,
          record.prompt,
          record.upsampledPrompt,
          record.seed,
          record.width,
          record.height,
          JSON.stringify(record.params),
          record.cost,
          record.createdAt,
          record.submittedAt,
          record.finishedAt,
          imageHome(record.id, record.createdAt, 'jpeg'),
          4096,
          ms,
          sha256Hex(new TextEncoder().encode(record.id)),
          record.favorite ? 1 : 0,
          record.rating,
          madeAt,
          seq,
        );
        for (const tag of record.tags) insertTag.run(record.id, tag, seq);
        record.inputs.forEach((hash, slot) => insertInput.run(record.id, slot, hash));
      }
    });
    onProgress?.(Math.min(count, done + BATCH));
  }
  for (const index of indexes) db.exec(index.sql);
  const ftsStart = performance.now();
  createSearchIndex(db);
  if (process.env.SEEDBANK_BENCH_DEBUG)
    process.stderr.write(`\n  search index: ${Math.round(performance.now() - ftsStart)} ms\n`);
  db.exec('PRAGMA journal_mode = WAL');
  db.close();
}

/**
 * Builds the rows-only library of `count` in `home` once and reuses it (like `ensureBenchLibrary`).
 * Answers how long the build took, when it was built (kept in `.complete`).
 */
export async function ensureScaleLibrary(home: string, count: number): Promise<number | null> {
  const marker = path.join(home, '.complete');
  if (fs.existsSync(marker)) {
    migrateCachedLibrary(home);
    const ms = Number(fs.readFileSync(marker, 'utf8').trim());
    return ms > 0 ? ms : null;
  }
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const started = performance.now();
  await buildScaleLibrary(home, count, (done) =>
    process.stderr.write(`\r  building ${path.basename(home)}: ${done}/${count}`),
  );
  const ms = performance.now() - started;
  process.stderr.write(`  (${(ms / 1000).toFixed(1)} s)\n`);
  fs.writeFileSync(marker, `${Math.round(ms)}\n`);
  return ms;
}
