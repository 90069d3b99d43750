/**
 * Settings → Library switching This computer ⇄ Team without a restart (issue 17), on a real
 * PostgreSQL and shared folder: the core lists the other library's images as soon as the save
 * answers, tells the page to reload, hears the team's live changes after switching in; images
 * made while the team library was refused move in when it opens; and a job whose image is being
 * written into the team library while the switch happens still lands there.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Generation, Settings } from '../../shared/types';
import { kleinRequest, until, type TestCore } from '../support/jobs-test-harness';
import { useTeamWorkstations, type TeamLibrary } from '../support/team-workstations';

const team = useTeamWorkstations();
const teamLibrary = () => team.teamLibrary();
const workstation = (settingsAtStart?: Partial<Settings>): Promise<TestCore> => team.workstation(settingsAtStart);

async function generate(t: TestCore, prompt: string): Promise<string> {
  const { jobs } = await t.call('jobs:submit', { request: kleinRequest(prompt) });
  const [job] = await t.core.runner.waitFor(jobs.map((j) => j.id));
  expect(job?.status).toBe('done');
  return job!.generationId!;
}

const toTeam = (library: TeamLibrary) =>
  ({ mode: 'team', databaseUrl: library.url, sharedFolder: library.folder }) as const;

async function listedIds(t: TestCore): Promise<string[]> {
  return (await t.call('library:list', {})).items.map((g) => g.id);
}

/** How many `library:changed` events with every list empty (the contract's "reload") `t` has sent. */
function reloads(t: TestCore): number {
  return t.events.filter((e) => {
    if (e.channel !== 'library:changed') return false;
    const change = e.payload as { added: Generation[]; updated: Generation[]; removed: string[] };
    return change.added.length + change.updated.length + change.removed.length === 0;
  }).length;
}

async function teamRow(url: string, id: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM generations WHERE id = $1', [id]);
    return (rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

/** Resolves once a session is waiting for a lock on `generations` (the job's insert, held). */
async function writeWaitingOnLock(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let tries = 0; tries < 600; tries++) {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%generations%'",
      );
      if ((rows[0] as { n: number }).n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the job’s write never reached the held table');
  } finally {
    await client.end();
  }
}

describe('switching the library in Settings → Library', () => {
  it('a core on this computer’s library lists the team’s images once Team is saved, tells the page to reload, and back', async () => {
    const library = await teamLibrary();
    const other = await workstation({ library: toTeam(library), personName: 'Ben Ode' });
    const teamImage = await generate(other, 'a lighthouse on the team share');
    const t = await workstation();
    const localImage = await generate(t, 'a pebble on this computer');
    expect(await listedIds(t)).toEqual([localImage]);

    const before = reloads(t);
    const saved = await t.call('library:teamSave', { ...toTeam(library), personName: 'Ana Lima' });
    expect(saved).toMatchObject({ mode: 'team', restartNeeded: false });
    expect(t.core.team.state).toBe('open');
    expect(await listedIds(t)).toEqual([teamImage]);
    expect(await t.call('library:count', { filter: { search: 'lighthouse' } })).toEqual({ total: 1 });
    expect(reloads(t)).toBe(before + 1);

    // The team's live feed reaches the switched core: another workstation's rating arrives as library:changed.
    await other.call('library:rate', { ids: [teamImage], rating: 5 });
    await until(
      () =>
        t.events.some(
          (e) =>
            e.channel === 'library:changed' &&
            (e.payload as { updated: Generation[] }).updated.some((g) => g.id === teamImage && g.rating === 5),
        ),
      'the other workstation’s rating on the switched core',
    );

    // And back: this computer's library again, its image where it was; the team's row untouched.
    const back = await t.call('library:teamSave', { mode: 'local' });
    expect(back).toMatchObject({ mode: 'local', restartNeeded: false });
    expect(t.core.team.state).toBe('local');
    expect(await listedIds(t)).toEqual([localImage]);
    expect(reloads(t)).toBe(before + 2);
    expect(await teamRow(library.url, teamImage)).toBe(1);

    // Generating now lands on this computer again, not in the team library.
    const afterwards = await generate(t, 'a second pebble');
    expect(t.core.library.getGeneration(afterwards)).not.toBeNull();
    expect(await teamRow(library.url, afterwards)).toBe(0);
  });

  it('images made while the saved team library was refused move in when it is saved again and opens, once', async () => {
    const library = await teamLibrary();
    const away = { ...library, url: library.url.replace(`:${team.server.port}/`, ':1/') };
    const t = await workstation({ library: toTeam(away), personName: 'Ana Lima' });
    expect(t.core.team.state).toBe('refused');
    const id = await generate(t, 'a harbour while the server was away');
    expect(t.core.library.getGeneration(id)).not.toBeNull();

    await t.call('library:teamSave', { ...toTeam(library), personName: 'Ana Lima' });
    expect(t.core.team.state).toBe('open');
    await t.core.outboxDrained;
    expect(await listedIds(t)).toEqual([id]);
    expect(await teamRow(library.url, id)).toBe(1);
  });

  it('a job whose image is being written into the team library while Local is saved lands there, once', async () => {
    const library = await teamLibrary();
    const t = await workstation({ library: toTeam(library), personName: 'Ana Lima' });
    // Hold the team's table, so the job's row waits in the middle of its write.
    const holder = new pg.Client({ connectionString: library.url });
    await holder.connect();
    team.onCleanup(() => holder.end());
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE generations IN EXCLUSIVE MODE');
    const { jobs } = await t.call('jobs:submit', { request: kleinRequest('a kite over the switch') });
    await writeWaitingOnLock(library.url);

    // The switch answers once this computer's library is in use; the team store stays open for the write.
    await t.call('library:teamSave', { mode: 'local' });
    expect(t.core.team.state).toBe('local');
    await holder.query('COMMIT');
    const [job] = await t.core.runner.waitFor(jobs.map((j) => j.id));
    expect(job?.status).toBe('done');
    expect(await teamRow(library.url, job!.generationId!)).toBe(1);
    expect(t.core.library.getGeneration(job!.generationId!)).toBeNull();
  });
});
