/**
 * The library measures both the 100,000-image bench and each point of the scale curve take:
 * open + first page, a search page, a filter + sort page, inserting one generation. Pages are
 * asked as the gallery asks them: without the count, which it asks for after painting.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { EmbeddedRecord } from '../../shared/types';
import { newId } from '../../electron/core/ids';
import { transaction } from '../../electron/core/library/db/database';
import { saveGeneration } from '../../electron/core/library/db/upsert-generation';
import { Library } from '../../electron/core/library/library';
import type { LibraryFilter } from '../../electron/core/library/query/gallery-page';
import type { LibrarySort } from '../../electron/core/library/query/page-cursor';
import { benchContext, repeat } from './bench-context';

export const SEARCH_TERMS = [
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

export function galleryPage(
  library: Library,
  filter: LibraryFilter,
  sort: LibrarySort = 'newest',
  cursor: string | null = null,
) {
  return library.list({ filter, sort, cursor, limit: 200, count: false });
}

/** Open + first page, each time on a fresh connection and a fresh Library. */
export function openFirstPageRuns(home: string, times: number): Promise<number[]> {
  return repeat(times, async () => {
    const ctx = benchContext(home);
    const library = new Library(ctx, { backgroundMaintenance: false });
    await library.start();
    galleryPage(library, {});
    await library.close();
    ctx.db.close();
  });
}

export function searchRuns(library: Library, times: number): Promise<number[]> {
  return repeat(times, (i) => galleryPage(library, { search: SEARCH_TERMS[i % SEARCH_TERMS.length] }));
}

/** The count the gallery asks for after a search page is shown. */
export function searchCountRuns(library: Library, times: number): Promise<number[]> {
  return repeat(times, (i) => library.count({ search: SEARCH_TERMS[i % SEARCH_TERMS.length] }));
}

/** Pages of the filters a person combines, in each sort order, and a second page by cursor. */
export function filterRuns(library: Library, times: number): Promise<number[]> {
  const projectId = library.projects.list().projects[0]?.id ?? null;
  const second = galleryPage(library, {}).nextCursor;
  const filters: [LibraryFilter, LibrarySort, string | null][] = [
    [{ projectId }, 'rating', null],
    [{ favorite: true }, 'newest', null],
    [{ tag: 'portfolio' }, 'oldest', null],
    [{ model: 'flux-kontext-max', minRating: 3 }, 'newest', null],
    [{ projectId: null, hasReferences: true }, 'newest', null],
    [{ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' }, 'oldest', null],
    [{}, 'newest', second],
  ];
  return repeat(times, (i) => {
    const [filter, sort, cursor] = filters[i % filters.length]!;
    return galleryPage(library, filter, sort, cursor);
  });
}

/** A small new record, as a finished download brings. */
export function benchRecord(): EmbeddedRecord {
  return {
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
  };
}

/** Inserting one generation row (its own transaction, as a finished download is); answers the ids too. */
export async function insertOneRuns(db: DatabaseSync, times: number): Promise<{ runs: number[]; ids: string[] }> {
  const ids: string[] = [];
  const runs = await repeat(times, () => {
    const record = benchRecord();
    ids.push(record.id);
    transaction(db, () =>
      saveGeneration(db, {
        record,
        file: {
          file: `images/bench/${record.id}.jpg`,
          format: 'jpeg',
          bytes: 1000,
          mtimeMs: Date.now(),
          sha256: record.id,
        },
        jobId: null,
        projectId: null,
        trashedAt: null,
        thumbMadeAt: null,
      }),
    );
  });
  return { runs, ids };
}

/** Takes the rows `insertOneRuns` added out again, so a cached library stays as it was built. */
export function removeRows(db: DatabaseSync, ids: readonly string[]): void {
  transaction(db, () =>
    db.prepare('DELETE FROM generations WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids)),
  );
}
