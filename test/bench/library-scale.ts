/**
 * The library's cost curve: 10,000, 100,000 and 1,000,000 generations (rows and index, no image
 * files; built once in bulk and cached beside the other synthetic libraries). Each size is
 * measured in a fresh child process, so its RSS is its own: open + first page, search, filter +
 * sort page, insert one, the database's size on disk and the peak RSS.
 *
 * SEEDBANK_BENCH_SCALE=10000,100000 picks other sizes (to check the mechanics quickly).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../../electron/core/library/library';
import { benchContext, median } from './bench-context';
import { ensureScaleLibrary } from './build-scale-library';
import { rawFtsMedianMs } from './library-baselines';
import { peakRssBytes } from './peak-rss';
import {
  filterRuns,
  insertOneRuns,
  openFirstPageRuns,
  removeRows,
  SEARCH_TERMS,
  searchCountRuns,
  searchRuns,
} from './library-measures';

export const SCALE_SIZES = (process.env.SEEDBANK_BENCH_SCALE ?? '10000,100000,1000000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => Number.isSafeInteger(size) && size > 0);

export interface PointFigures {
  openFirstPageMs: number;
  searchMedianMs: number;
  rawFtsMedianMs: number;
  searchCountMedianMs: number;
  filterSortPageMs: number;
  insertMs: number;
  /** library.db and its WAL, before anything is inserted. */
  databaseBytes: number;
  /** Peak RSS of the process that opened the library and ran all of the above. */
  peakRssMb: number;
}

export interface ScalePoint extends PointFigures {
  images: number;
  /** How long the bulk build took when this library was built (it is cached after). */
  buildMs: number | null;
}

function databaseBytes(home: string): number {
  return ['library.db', 'library.db-wal']
    .map((name) => path.join(home, name))
    .filter((file) => fs.existsSync(file))
    .reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

function peakRssMb(): number {
  return peakRssBytes() / 1024 / 1024;
}

/** Runs in the child process: every figure of one point. */
export async function measureScalePoint(home: string): Promise<PointFigures> {
  const bytes = databaseBytes(home);
  const openRuns = await openFirstPageRuns(home, 7);
  const ctx = benchContext(home);
  const library = new Library(ctx, { backgroundMaintenance: false });
  await library.start();
  const search = await searchRuns(library, 30);
  const raw = rawFtsMedianMs(ctx.db, SEARCH_TERMS, 30);
  const counts = await searchCountRuns(library, 10);
  const filters = await filterRuns(library, 21);
  const inserted = await insertOneRuns(ctx.db, 20);
  removeRows(ctx.db, inserted.ids);
  await library.close();
  ctx.db.close();
  return {
    openFirstPageMs: median(openRuns),
    searchMedianMs: median(search),
    rawFtsMedianMs: raw,
    searchCountMedianMs: median(counts),
    filterSortPageMs: median(filters),
    insertMs: median(inserted.runs),
    databaseBytes: bytes,
    peakRssMb: peakRssMb(),
  };
}

/** Builds (once) and measures each size, each in a fresh `node <script> --scale-point <home>`. */
export async function runScaleCurve(root: string, script: string): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const images of SCALE_SIZES) {
    const home = path.join(root, `scale-${images}`);
    const buildMs = await ensureScaleLibrary(home, images);
    const out = execFileSync(process.execPath, [script, '--scale-point', home], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    points.push({ images, buildMs, ...(JSON.parse(out) as PointFigures) });
  }
  return points;
}
