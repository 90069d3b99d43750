/**
 * A team library lost after start (issue 17 item 5), on a real PostgreSQL taken down and up
 * again (every connection drops, same port) and a core generating through the BFL emulator: the
 * workstation says it is away, a result made meanwhile waits in the outbox and is listed from
 * this computer, recently seen pages and details still answer from the cache, and when the server
 * is back the outbox moves in without a restart — once, even when that move is cut short.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { TeamLibraryStatus } from '../../shared/api';
import { readOutbox } from '../../electron/core/library/team/team-outbox';
import { kleinRequest, type TestCore } from '../support/jobs-test-harness';
import { removeTempDir } from '../support/temp';
import { useTeamWorkstations, type TeamLibrary } from '../support/team-workstations';

const team = useTeamWorkstations();
const { down, up } = team;
const teamLibrary = () => team.teamLibrary();
const workstation = (library: TeamLibrary): Promise<TestCore> => team.workstation(team.teamSettings(library));

/** Polls `check` until it holds; the limit only catches something that never happens. */
async function until(what: string, check: () => boolean | Promise<boolean>, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not seen within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function statuses(t: TestCore): TeamLibraryStatus[] {
  return t.events.filter((e) => e.channel === 'library:teamStatus').map((e) => e.payload as TeamLibraryStatus);
}

async function generate(t: TestCore, prompt: string): Promise<string> {
  const { jobs } = await t.call('jobs:submit', { request: kleinRequest(prompt) });
  const [job] = await t.core.runner.waitFor(jobs.map((j) => j.id));
  expect(job?.status).toBe('done');
  return job!.generationId!;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The team library's rows for `ids`: id and file, one line per row. */
async function teamRows(url: string, ids: readonly string[]): Promise<{ id: string; file: string }[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string; file: string }>(
      'SELECT id, file FROM generations WHERE id = ANY($1) ORDER BY id',
      [ids],
    );
    return rows;
  });
}

async function teamTotal(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM generations');
    return rows[0]!.n;
  });
}

/** Every image file under the shared folder's images/ (a doubled copy would show here). */
function sharedImages(folder: string): string[] {
  const root = path.join(folder, 'images');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
}

/**
 * Test-only brake: while `test_hold` has a row, an insert into the team library made when it
 * already holds `after` rows waits (a move is then held mid-way) until the row is deleted or the
 * server stops.
 */
async function brake(url: string, after: number): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(`
      CREATE TABLE test_hold (x integer);
      INSERT INTO test_hold VALUES (1);
      CREATE FUNCTION test_brake() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WHILE EXISTS (SELECT 1 FROM test_hold) AND (SELECT count(*) FROM generations) >= ${after} LOOP
          PERFORM pg_sleep(0.05);
        END LOOP;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_brake BEFORE INSERT ON generations FOR EACH ROW EXECUTE FUNCTION test_brake();`);
  });
}

/** How many inserts the brake holds now. */
async function held(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep'",
    );
    return rows[0]!.n;
  });
}

describe('a team library lost after start', () => {
  it('says it is away, keeps the result made meanwhile in the outbox and lists it with the recent cache; back, the image moves in once without a restart', async () => {
    const library = await teamLibrary();
    const t = await workstation(library);
    const before = await generate(t, 'a quay before the storm');
    // Seen while connected: the gallery's first page and the image's detail.
    const seen = await t.call('library:list', { limit: 50, count: false });
    expect(seen.items.map((g) => g.id)).toEqual([before]);
    expect(seen.offline).toBeUndefined();
    await t.call('library:get', { id: before });

    await down();
    await until('the status says away', () => t.core.teamOffline?.reach.status().state === 'away');
    expect(statuses(t).at(-1)?.state).toBe('away');
    const line = (await t.call('app:diagnostics', { online: false })).checks.find((c) => c.id === 'team-library');
    expect(line?.ok).toBe(false);
    expect(line?.detail).toMatch(/Unreachable since/);

    const away = await generate(t, 'a quay during the storm');
    expect(await readOutbox(t.home)).toEqual([away]);
    expect(t.core.library.getGeneration(away)?.prompt).toBe('a quay during the storm');

    // The same page: what was made here first, then what was seen, marked as a cached view.
    const cached = await t.call('library:list', { limit: 50, count: false });
    expect(cached.items.map((g) => g.id)).toEqual([away, before]);
    expect(cached.offline?.seenAt).toBeTruthy();
    const detail = await t.call('library:get', { id: before });
    expect(detail.generation.prompt).toBe('a quay before the storm');
    expect(detail.offline?.seenAt).toBeTruthy();
    expect((await t.call('library:get', { id: away })).generation.prompt).toBe('a quay during the storm');
    // An edit cannot reach the server: it says so in words.
    await expect(t.call('library:rate', { ids: [before], rating: 3 })).rejects.toThrow(
      /team library cannot be reached/,
    );

    await up();
    await until('the status says connected with nothing waiting', () => {
      const status = t.core.teamOffline?.reach.status();
      return status?.state === 'connected' && status.waiting === 0;
    });
    expect(await readOutbox(t.home)).toEqual([]);
    const rows = await teamRows(library.url, [before, away]);
    expect(rows.map((r) => r.id)).toEqual([before, away].sort());
    expect(await teamTotal(library.url)).toBe(2);
    expect(sharedImages(library.folder)).toHaveLength(2);
    for (const row of rows) expect(fs.existsSync(path.join(library.folder, row.file))).toBe(true);
    const live = await t.call('library:list', { limit: 50, count: false });
    expect(live.offline).toBeUndefined();
    expect(live.items.map((g) => g.id).sort()).toEqual([before, away].sort());
    expect(statuses(t).map((s) => s.state)).toEqual(expect.arrayContaining(['away', 'connected']));
    expect((await t.call('app:diagnostics', { online: false })).checks.find((c) => c.id === 'team-library')?.ok).toBe(
      true,
    );
  });

  it('the shared folder gone (a share no longer mounted): the result waits in the outbox, nothing is written where the folder was, and it moves in when the folder is back', async () => {
    const library = await teamLibrary();
    const gone = `${library.folder}-gone`;
    team.onCleanup(() => removeTempDir(gone));
    const t = await workstation(library);
    fs.renameSync(library.folder, gone);

    const id = await generate(t, 'a gull over the quay');
    expect(await readOutbox(t.home)).toEqual([id]);
    expect(fs.existsSync(library.folder)).toBe(false);
    await until('the status says away', () => t.core.teamOffline?.reach.status().state === 'away');
    expect(t.core.teamOffline?.reach.status().reason).toMatch(/shared folder/);

    fs.renameSync(gone, library.folder);
    await until('the outbox empty and connected', () => {
      const status = t.core.teamOffline?.reach.status();
      return status?.state === 'connected' && status.waiting === 0;
    });
    const [row] = await teamRows(library.url, [id]);
    expect(fs.existsSync(path.join(library.folder, row!.file))).toBe(true);
    expect(await teamTotal(library.url)).toBe(1);
  });

  it('a move into the team library cut short by the server going down again, then resumed, doubles nothing', async () => {
    const library = await teamLibrary();
    const t = await workstation(library);
    await brake(library.url, 1);

    await down();
    await until('the status says away', () => t.core.teamOffline?.reach.status().state === 'away');
    const ids = [await generate(t, 'a tern one'), await generate(t, 'a tern two'), await generate(t, 'a tern three')];
    expect(await readOutbox(t.home)).toEqual(ids);

    await up();
    // The move runs: the first image goes in, the second is held mid-insert.
    await until('one image moved in and the next held', async () => (await held(library.url)) === 1);
    expect(await teamTotal(library.url)).toBe(1);
    await down();
    await until('the status says away again', () => t.core.teamOffline?.reach.status().state === 'away');
    expect(await readOutbox(t.home)).toEqual(ids);

    await up();
    await withClient(library.url, (client) => client.query('DELETE FROM test_hold'));
    await until('the outbox empty and connected', () => {
      const status = t.core.teamOffline?.reach.status();
      return status?.state === 'connected' && status.waiting === 0;
    });
    expect(await readOutbox(t.home)).toEqual([]);
    expect((await teamRows(library.url, ids)).map((r) => r.id)).toEqual([...ids].sort());
    expect(await teamTotal(library.url)).toBe(3);
    expect(sharedImages(library.folder)).toHaveLength(3);
  });

  it('a result that finishes while a move is under way keeps its place in the outbox and moves in after', async () => {
    const library = await teamLibrary();
    const gone = `${library.folder}-gone`;
    team.onCleanup(() => removeTempDir(gone));
    const t = await workstation(library);
    await brake(library.url, 0);
    await down();
    await until('the status says away', () => t.core.teamOffline?.reach.status().state === 'away');
    const first = await generate(t, 'a heron at low tide');

    await up();
    await until('the move of the first image held', async () => (await held(library.url)) === 1);
    // Meanwhile the shared folder goes away: the next result cannot go in and joins the outbox.
    fs.renameSync(library.folder, gone);
    const second = await generate(t, 'a heron at high tide');
    expect(await readOutbox(t.home)).toEqual([first, second]);

    fs.renameSync(gone, library.folder);
    await withClient(library.url, (client) => client.query('DELETE FROM test_hold'));
    await until('the outbox empty and connected', () => {
      const status = t.core.teamOffline?.reach.status();
      return status?.state === 'connected' && status.waiting === 0;
    });
    expect((await teamRows(library.url, [first, second])).map((r) => r.id)).toEqual([first, second].sort());
    expect(await teamTotal(library.url)).toBe(2);
  });
});
