/**
 * The library bench's baselines, run on the same data in the same run:
 * - the raw FTS5 query (the floor any search over this index can reach: no count, no join);
 * - `LIKE '%word%'` over prompts, newest first (how InvokeAI's gallery searches);
 * - `exiftool -json -r` over the same image files (how a generic asset manager reads records).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { performance } from 'node:perf_hooks';
import { ownWordsOnly, searchWords, toFtsQuery } from '../../electron/core/library/db/search-index';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(times: number, work: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    work(i);
    out.push(performance.now() - start);
  }
  return out;
}

/**
 * Median of the raw FTS5 query, given the same query text Seedbank builds from each term —
 * including the column filter of the gallery's default search (BFL's upsampled prompt left
 * out), so the ratio compares like with like.
 */
export function rawFtsMedianMs(db: DatabaseSync, terms: readonly string[], times: number): number {
  return median(rawFtsRuns(db, terms, times));
}

/** The raw FTS5 query's times, one per run (`rawFtsMedianMs`'s samples). */
export function rawFtsRuns(db: DatabaseSync, terms: readonly string[], times: number): number[] {
  const statement = db.prepare(
    'SELECT rowid FROM generations_fts WHERE generations_fts MATCH ? ORDER BY rowid DESC LIMIT 200',
  );
  return timed(times, (i) => statement.all(ownWordsOnly(toFtsQuery(terms[i % terms.length]!) ?? '""')));
}

/** Median of a `LIKE '%word%'` scan over prompts (every word must appear), newest first. */
export function likeMedianMs(db: DatabaseSync, terms: readonly string[], times: number): number {
  return median(
    timed(times, (i) => {
      const words = searchWords(terms[i % terms.length]!);
      const where = words.map(() => 'prompt LIKE ?').join(' AND ');
      db.prepare(`SELECT id FROM generations WHERE ${where} ORDER BY seq DESC LIMIT 200`).all(
        ...words.map((w) => `%${w}%`),
      );
    }),
  );
}

/** Wall time of `exiftool -json -r` reading every file under `folder`, or null without exiftool. */
export function exiftoolReadMs(folder: string): number | null {
  const sink = fs.openSync('/dev/null', 'w');
  try {
    const start = performance.now();
    const run = spawnSync('exiftool', ['-json', '-r', '-q', '-q', folder], { stdio: ['ignore', sink, 'ignore'] });
    if (run.error || (run.status !== 0 && run.status !== 1)) return null;
    return performance.now() - start;
  } finally {
    fs.closeSync(sink);
  }
}
