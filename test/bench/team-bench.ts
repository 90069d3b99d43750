/**
 * Team library benchmark (issue 17 "Scale"): the same synthetic library in the team store
 * (a PostgreSQL started for the run, on this machine) and in the embedded store, measured the
 * same way: open + first page of 200, and full-text search (median), each page asked as the
 * gallery asks it — without the count, which it asks for after painting (library-measures.ts does
 * the same for the embedded bench); the count of a search is measured on its own. Rows are made by SQL on
 * each side from one formula (three words of a fixed list per prompt, one image a minute), so
 * both hold the same data; no image files (these figures are the index's).
 *
 * Run: node scripts/bench.mjs team. SEEDBANK_TEAM_BENCH_COUNT changes the size (default 1,000,000).
 * Writes bench/team.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LibraryStore } from '../../electron/core/library/store/library-store';
import { EmbeddedLibraryStore } from '../../electron/core/library/store/embedded-store';
import { Library } from '../../electron/core/library/library';
import { migrateTeamDatabase, claimFolder } from '../../electron/core/library/team/team-migrate';
import { TeamLibraryStore } from '../../electron/core/library/team/team-store';
import { testContext } from '../support/library-test-kit';
import { startPostgres } from '../support/postgres';
import { benchTempDir, removeBenchTempDir } from '../../scripts/bench-temp.mjs';
import pg from 'pg';

const COUNT = Number(process.env.SEEDBANK_TEAM_BENCH_COUNT ?? 1_000_000);
const WORDS = [
  'astronaut',
  'moss',
  'garden',
  'lighthouse',
  'dusk',
  'neon',
  'city',
  'portrait',
  'forest',
  'river',
  'mountain',
  'desert',
  'ocean',
  'castle',
  'robot',
  'dragon',
  'sunset',
  'winter',
  'cat',
  'violin',
  'harbor',
  'glacier',
  'temple',
  'market',
  'library',
  'comet',
  'orchid',
  'lantern',
  'canyon',
  'meadow',
];
const SEARCHES = ['lighthouse', 'moss garden', 'neo', 'violin sunset', 'drag', 'canyon orchid lantern'];
const START_S = 1_767_225_600; // 2026-01-01T00:00:00Z

const SQLITE_ROWS = `
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)
  INSERT INTO generations (id, model, prompt, format, params, created_at, file, seq, rating, favorite)
  SELECT printf('bench%021d', i), 'flux-2-pro',
         json_extract(?2, '$[' || (i * 7 % 30) || ']') || ' ' || json_extract(?2, '$[' || (i * 13 % 29) || ']') || ' ' ||
           json_extract(?2, '$[' || (i * 31 % 23) || ']'),
         'jpeg', '{}', strftime('%Y-%m-%dT%H:%M:%fZ', ${START_S} + i * 60, 'unixepoch'),
         printf('images/bench/bench%021d.jpg', i), (${START_S} + i * 60) * 1000 * 1024, i % 6, i % 20 = 0
  FROM n`;

const POSTGRES_ROWS = `
  INSERT INTO generations (id, model, prompt, format, params, created_at, file, seq, rating, favorite)
  SELECT 'bench' || lpad(i::text, 21, '0'), 'flux-2-pro',
         ($2::jsonb ->> (i * 7 % 30)) || ' ' || ($2::jsonb ->> (i * 13 % 29)) || ' ' || ($2::jsonb ->> (i * 31 % 23)),
         'jpeg', '{}', to_char(to_timestamp(${START_S} + i * 60) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'images/bench/bench' || lpad(i::text, 21, '0') || '.jpg', (${START_S}::bigint + i * 60) * 1000 * 1024, i % 6,
         CASE WHEN i % 20 = 0 THEN 1 ELSE 0 END
  FROM generate_series(0, $1 - 1) AS i`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Totals per search, so the run can check both stores found the same (a cross-check at scale). */
const totals: Record<'embedded' | 'team', number[]> = { embedded: [], team: [] };

/** A page as the gallery asks for it: the count comes later (`count`). */
const page = (store: LibraryStore, search?: string) =>
  store.list({
    filter: search === undefined ? {} : { search },
    sort: 'newest',
    cursor: null,
    limit: 200,
    count: false,
  });

/** The median of a search's page, and of its count (asked after the page is shown). */
async function searchMedians(store: LibraryStore): Promise<{ searchMs: number; countMs: number }> {
  const times: number[] = [];
  const counts: number[] = [];
  for (const search of SEARCHES)
    totals[store.kind].push(
      (await store.list({ filter: { search }, sort: 'newest', cursor: null, limit: 1, count: true })).total ?? NaN,
    );
  for (let round = 0; round < 3; round++)
    for (const search of SEARCHES) {
      times.push(await timed(() => page(store, search)));
      counts.push(
        await timed(() => store.list({ filter: { search }, sort: 'newest', cursor: null, limit: 1, count: true })),
      );
    }
  return { searchMs: median(times), countMs: median(counts) };
}

interface Figures {
  openMs: number;
  searchMs: number;
  /** A search's count (asked after its page is shown), median. */
  countMs: number;
  buildMs: number;
}

async function embeddedFigures(): Promise<Figures> {
  const home = benchTempDir('team-embedded');
  try {
    const built = performance.now();
    const ctx = testContext(home);
    ctx.db.exec('BEGIN');
    ctx.db.prepare(SQLITE_ROWS).run(COUNT, JSON.stringify(WORDS));
    ctx.db.exec('COMMIT');
    ctx.db.close();
    const buildMs = performance.now() - built;
    const opens: number[] = [];
    let searched = { searchMs: NaN, countMs: NaN };
    for (let round = 0; round < 5; round++) {
      let store: EmbeddedLibraryStore | null = null;
      let library: Library | null = null;
      const context = testContext(home);
      opens.push(
        await timed(async () => {
          library = new Library(context, { backgroundMaintenance: false });
          await library.start();
          store = new EmbeddedLibraryStore(context, library);
          await page(store);
        }),
      );
      if (round === 4 && store) searched = await searchMedians(store);
      await (library as Library | null)?.close();
      context.db.close();
    }
    return { openMs: median(opens), ...searched, buildMs };
  } finally {
    removeBenchTempDir(home);
  }
}

async function teamFigures(): Promise<Figures> {
  const server = await startPostgres();
  const folder = benchTempDir('team-folder');
  try {
    const url = await server.createDatabase({ name: 'seedbank_bench' });
    const { libraryId } = await migrateTeamDatabase(url);
    await claimFolder(folder, libraryId);
    const built = performance.now();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(POSTGRES_ROWS, [COUNT, JSON.stringify(WORDS)]);
    await client.query('VACUUM ANALYZE generations');
    await client.end();
    const buildMs = performance.now() - built;
    const opens: number[] = [];
    let searched = { searchMs: NaN, countMs: NaN };
    for (let round = 0; round < 5; round++) {
      let store: TeamLibraryStore | null = null;
      opens.push(
        await timed(async () => {
          store = await TeamLibraryStore.open({ url, folder, assetUrl: (p) => p });
          await page(store);
        }),
      );
      const opened = store as TeamLibraryStore | null;
      if (round === 4 && opened) searched = await searchMedians(opened);
      await opened?.close();
    }
    return { openMs: median(opens), ...searched, buildMs };
  } finally {
    await server.stop();
    removeBenchTempDir(folder);
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const size = COUNT.toLocaleString('en-US');
  console.log(`team bench: ${size} images`);
  const embedded = await embeddedFigures();
  console.log(
    `embedded: built in ${Math.round(embedded.buildMs)} ms, open + first page ${round1(embedded.openMs)} ms, search ${round1(embedded.searchMs)} ms, its count ${round1(embedded.countMs)} ms`,
  );
  const team = await teamFigures();
  console.log(
    `team: built in ${Math.round(team.buildMs)} ms, open + first page ${round1(team.openMs)} ms, search ${round1(team.searchMs)} ms, its count ${round1(team.countMs)} ms`,
  );
  if (totals.embedded.join() !== totals.team.join())
    throw new Error(
      `the stores found different totals: embedded ${totals.embedded.join()}, team ${totals.team.join()}`,
    );
  console.log(`both stores found the same totals per search: ${totals.team.join(', ')}`);
  const results = {
    images: COUNT,
    embedded,
    team,
    rows: [
      {
        metric: `team library: open + first page of 200 (${size} images) — baseline: the embedded store, same data`,
        value: round1(team.openMs),
        baseline: round1(embedded.openMs),
        ratio: Math.round((team.openMs / embedded.openMs) * 100) / 100,
        unit: 'ms',
        target: '≤ 100 ms',
        ok: team.openMs <= 100,
      },
      {
        metric: `team library: full-text search, median (${size} images) — baseline: the embedded store, same data`,
        value: round1(team.searchMs),
        baseline: round1(embedded.searchMs),
        ratio: Math.round((team.searchMs / embedded.searchMs) * 100) / 100,
        unit: 'ms',
        target: '≤ 50 ms',
        ok: team.searchMs <= 50,
      },
      {
        metric: `team library: count of a search's matches (asked after the page is shown), median (${size} images) — baseline: the embedded store`,
        value: round1(team.countMs),
        baseline: round1(embedded.countMs),
        ratio: Math.round((team.countMs / embedded.countMs) * 100) / 100,
        unit: 'ms',
      },
    ],
  };
  fs.mkdirSync('bench', { recursive: true });
  fs.writeFileSync(path.join('bench', 'team.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwritten to bench/team.json');
}

await main();
