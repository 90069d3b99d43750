/**
 * `seedbank library push` and `seedbank library empty-trash`, through the real CLI: a personal
 * library (real SQLite file, real image files) into a team library on a real PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamLibraryStore } from '../../electron/core/library/team/team-store';
import { buildCli, cliEnv, runCli, tempHome } from '../cli/cli-harness';
import { addImages, openTestLibrary } from '../support/library-test-kit';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { assetUrl, makeTeamLibrary } from '../support/store-test-kit';

let server: TestPostgres;
beforeAll(async () => {
  buildCli();
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

interface Personal {
  home: string;
  ids: string[];
}

/** A personal library of 5 images: one rated, one tagged, one in a project, one trashed. */
async function personalLibrary(): Promise<Personal> {
  const t = await openTestLibrary(tempHome());
  const ids = await addImages(t, 5);
  t.library.rate([ids[0]!], 4);
  t.library.tag([ids[1]!], ['Shared'], []);
  t.library.move([ids[2]!], t.library.ensureProject('Moonbase').id);
  await t.library.trash([ids[3]!]);
  await t.library.flushWriteBack();
  await t.close();
  return { home: t.home, ids };
}

const push = (personal: Personal, team: { url: string; folder: string }) =>
  runCli(
    ['library', 'push', '--database', team.url, '--folder', team.folder, '--json'],
    cliEnv({ home: personal.home, apiBase: 'http://127.0.0.1:9' }),
  );

async function withTeam<T>(team: { url: string; folder: string }, work: (store: TeamLibraryStore) => Promise<T>) {
  const store = await TeamLibraryStore.open({ ...team, assetUrl });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('seedbank library push', () => {
  it('copies every row and file, with ratings, tags, projects and the trash as they were', async () => {
    const personal = await personalLibrary();
    const team = await makeTeamLibrary(server);
    const result = await push(personal, team);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ total: 5, pushed: 5, alreadyThere: 0, skipped: [] });

    await withTeam(team, async (store) => {
      const live = await store.list({ filter: {}, sort: 'oldest', cursor: null, limit: 50 });
      expect(live.items.map((g) => g.id)).toEqual([0, 1, 2, 4].map((i) => personal.ids[i]));
      expect(live.items[0]?.rating).toBe(4);
      expect((await store.getGeneration(live.items[1]!.id))?.tags).toEqual(['Shared']);
      expect(live.items[2]?.projectId).not.toBeNull();
      const trashed = await store.list({ filter: { trashed: true }, sort: 'oldest', cursor: null, limit: 50 });
      expect(trashed.items.map((g) => g.id)).toEqual([personal.ids[3]]);
      for (const generation of [...live.items, ...trashed.items]) {
        // Byte for byte: never re-encoded.
        expect(fs.readFileSync(path.join(team.folder, generation.file))).toEqual(
          fs.readFileSync(path.join(personal.home, generation.file)),
        );
      }
    });
  });

  it('run again, or after an interruption, copies only what is missing and doubles nothing', async () => {
    const personal = await personalLibrary();
    const team = await makeTeamLibrary(server);
    expect((await push(personal, team)).code).toBe(0);

    const again = await push(personal, team);
    expect(JSON.parse(again.stdout)).toEqual({ total: 5, pushed: 0, alreadyThere: 5, skipped: [] });

    // As if interrupted: one image's row never written (its file was), another's file not copied yet.
    const client = new pg.Client({ connectionString: team.url });
    await client.connect();
    await client.query('DELETE FROM generations WHERE id = $1', [personal.ids[0]]);
    await client.end();
    const fileOfSecond = await withTeam(team, async (store) => (await store.getGeneration(personal.ids[1]!))!.file);
    fs.rmSync(path.join(team.folder, fileOfSecond));

    const resumed = await push(personal, team);
    expect(JSON.parse(resumed.stdout)).toEqual({ total: 5, pushed: 2, alreadyThere: 3, skipped: [] });
    await withTeam(team, async (store) => {
      const all = await store.list({ filter: {}, sort: 'oldest', cursor: null, limit: 50 });
      expect(all.total).toBe(4);
      expect(all.items[0]?.rating).toBe(4);
      expect(fs.existsSync(path.join(team.folder, fileOfSecond))).toBe(true);
    });
  });
});

describe('seedbank library empty-trash', () => {
  it('deletes nothing without a yes, and everything in the team trash with one', async () => {
    const personal = await personalLibrary();
    const team = await makeTeamLibrary(server);
    expect((await push(personal, team)).code).toBe(0);
    const trashedFile = path.join(team.folder, 'trash', fs.readdirSync(path.join(team.folder, 'trash'))[0]!);
    expect(fs.existsSync(trashedFile)).toBe(true);
    const env = cliEnv({ home: personal.home, apiBase: 'http://127.0.0.1:9' });
    const args = ['library', 'empty-trash', '--database', team.url, '--folder', team.folder];

    const declined = await runCli(args, env, 'n\n');
    expect(declined.code).toBe(2);
    expect(declined.stderr).toContain('Delete the 1 image in the team trash for good, for everyone?');
    expect(declined.stderr).toContain('nothing was deleted');
    await withTeam(team, async (store) => expect(await store.trashCount()).toBe(1));

    const accepted = await runCli(args, env, 'y\n');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('Deleted 1 images for good');
    await withTeam(team, async (store) => {
      expect(await store.trashCount()).toBe(0);
      expect(await store.getGeneration(personal.ids[3]!)).toBeNull();
      expect((await store.list({ filter: {}, sort: 'oldest', cursor: null, limit: 50 })).total).toBe(4);
    });
    const imagesLeftInTrash = fs
      .readdirSync(path.join(team.folder, 'trash'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile());
    expect(imagesLeftInTrash).toEqual([]);
  });
});
