/**
 * A team library refused at start for a reason that can pass (issue 17 item 5): the server down,
 * or the shared folder not there. The workstation generates into its outbox meanwhile, tries the
 * library again by itself, and when it opens switches to it without a restart: the page is told
 * to reload, the library channels answer from the team library, and the outbox drains once.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readOutbox } from '../../electron/core/library/team/team-outbox';
import { kleinRequest, until, type TestCore } from '../support/jobs-test-harness';
import { removeTempDir } from '../support/temp';
import { useTeamWorkstations, type TeamLibrary } from '../support/team-workstations';

const team = useTeamWorkstations();
const { down, up } = team;
const teamLibrary = () => team.teamLibrary();
const workstation = (library: TeamLibrary): Promise<TestCore> => team.workstation(team.teamSettings(library));

/** Generates one image and returns its id (the job finishes whatever the library's state). */
async function generate(t: TestCore, prompt: string): Promise<string> {
  const { jobs } = await t.call('jobs:submit', { request: kleinRequest(prompt) });
  const [job] = await t.core.runner.waitFor(jobs.map((j) => j.id));
  expect(job?.status).toBe('done');
  return job!.generationId!;
}

async function teamRows(url: string): Promise<{ id: string; file: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ id: string; file: string }>('SELECT id, file FROM generations')).rows;
  } finally {
    await client.end();
  }
}

/** Waits (by polling what the core says, not by a clock) until the retry has opened the library. */
async function opened(t: TestCore): Promise<void> {
  await until(() => t.core.team.state === 'open', 'the team library opened by a retry', 60_000);
  await t.core.outboxDrained;
}

const reloads = (t: TestCore) =>
  t.events.filter((e) => {
    if (e.channel !== 'library:changed') return false;
    const c = e.payload as { added: unknown[]; updated: unknown[]; removed: unknown[] };
    return c.added.length === 0 && c.updated.length === 0 && c.removed.length === 0;
  }).length;

describe('a team library refused at start', () => {
  it(
    'with the server down: generates into the outbox, then opens by itself when the server is up; the image is there once',
    { timeout: 90_000 },
    async () => {
      const library = await teamLibrary();
      await down();
      const t = await workstation(library);
      expect(t.core.team).toMatchObject({ state: 'refused', retries: true });
      await expect(t.call('library:list', {})).rejects.toThrow(/Cannot reach .*Seedbank tries again by itself/);
      const id = await generate(t, 'a quay in fog');
      expect(await readOutbox(t.home)).toEqual([id]);
      expect(reloads(t)).toBe(0);

      await up();
      await opened(t);
      expect(reloads(t)).toBe(1);
      const page = await t.call('library:list', {});
      expect(page.items.map((g) => g.id)).toEqual([id]);
      expect(await t.call('library:count', { filter: { search: 'quay' } })).toEqual({ total: 1 });
      const rows = await teamRows(library.url);
      expect(rows.map((r) => r.id)).toEqual([id]);
      expect(fs.existsSync(path.join(library.folder, rows[0]!.file))).toBe(true);
      expect(await readOutbox(t.home)).toEqual([]);
      const report = await t.call('app:diagnostics', { online: false });
      expect(report.checks.find((c) => c.id === 'team-library')?.ok).toBe(true);

      // What it makes now goes straight into the team library.
      const next = await generate(t, 'a quay at noon');
      expect((await teamRows(library.url)).map((r) => r.id).sort()).toEqual([id, next].sort());
    },
  );

  it('with the shared folder not there: opens by itself when the folder is back', { timeout: 90_000 }, async () => {
    const library = await teamLibrary();
    const aside = `${library.folder}-away`;
    fs.renameSync(library.folder, aside);
    team.onCleanup(() => removeTempDir(aside));
    const t = await workstation(library);
    expect(t.core.team).toMatchObject({ state: 'refused', retries: true });
    const id = await generate(t, 'a lantern on a pier');
    expect(fs.existsSync(library.folder)).toBe(false);

    fs.renameSync(aside, library.folder);
    await opened(t);
    expect((await t.call('library:list', {})).items.map((g) => g.id)).toEqual([id]);
    expect((await teamRows(library.url)).map((r) => r.id)).toEqual([id]);
  });

  it('by another library’s folder: not tried again, and says what to do', async () => {
    const library = await teamLibrary();
    const other = await teamLibrary();
    const t = await workstation({ url: library.url, folder: other.folder });
    expect(t.core.team).toMatchObject({ state: 'refused', retries: false });
    await expect(t.call('library:list', {})).rejects.toThrow(/belongs to library .*choose the folder/);
    const report = await t.call('app:diagnostics', { online: false });
    expect(report.checks.find((c) => c.id === 'team-library')?.fix).toMatch(/Settings → Library/);
  });
});
