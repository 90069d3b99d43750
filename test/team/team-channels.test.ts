/**
 * The studio on a team library, channel by channel (issue 17): two workstations (two cores, two
 * app-data folders) on one real PostgreSQL and one shared folder. Projects, moves and tag
 * suggestions are the team's; a team image becomes a reference on this workstation and lineage
 * links what was made from it on every workstation; "show in folder" and export use the shared
 * folder; the person's choices reach the shared files in the background; spend is this
 * workstation's own; what the app cannot do on a team library says why and what to do instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmbeddedRecord } from '../../shared/types';
import { embedRecord, readRecord } from '../../electron/core/metadata';
import { sha256Hex } from '../../electron/core/library/files/inputs';
import type { TeamLibraryStore } from '../../electron/core/library/team/team-store';
import { kleinRequest, type TestCore } from '../support/jobs-test-harness';
import { makeImageBytes, makeRecord } from '../support/library-test-kit';
import { entryOf } from '../support/store-test-kit';
import { makeTempDir } from '../support/temp';
import { useTeamWorkstations, type TeamLibrary } from '../support/team-workstations';

const team = useTeamWorkstations();
const teamLibrary = () => team.teamLibrary();
const workstation = (library: TeamLibrary, person: string): Promise<TestCore> =>
  team.workstation(team.teamSettings(library, person));

function storeOf(t: TestCore): TeamLibraryStore {
  if (t.core.team.state !== 'open') throw new Error(`the team library is ${t.core.team.state}`);
  return t.core.team.store;
}

const minute = (i: number) => new Date(Date.UTC(2026, 10, 3, 12, i)).toISOString();

/** A real image with its record embedded, in the shared folder and indexed; answers its file's path. */
async function teamImage(
  t: TestCore,
  library: TeamLibrary,
  overrides: Partial<EmbeddedRecord> = {},
): Promise<{ record: EmbeddedRecord; file: string }> {
  const record = makeRecord({ createdAt: minute(0), ...overrides });
  const entry = entryOf(record);
  const bytes = embedRecord(await makeImageBytes('jpeg', 64, 48, record.seed ?? 1), record, {
    creatorTool: 'Seedbank test',
  });
  const file = path.join(library.folder, entry.file.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  await storeOf(t).addGeneration({ ...entry, file: { ...entry.file, bytes: bytes.length, sha256: sha256Hex(bytes) } });
  return { record, file };
}

const recordIn = (file: string) => readRecord(new Uint8Array(fs.readFileSync(file)));

describe('the team library in the app', () => {
  it('a rating, favourite, tags and project set through the channels reach the shared file in the background', async () => {
    const library = await teamLibrary();
    const one = await workstation(library, 'Ana Lima');
    const { record, file } = await teamImage(one, library, { rating: 1 });
    const project = await one.call('projects:create', { name: 'Harbour' });

    // A burst of ratings: the file ends with the last one.
    for (const rating of [2, 3, 4, 5]) await one.call('library:rate', { ids: [record.id], rating });
    await one.call('library:favorite', { ids: [record.id], favorite: true });
    await one.call('library:tag', { ids: [record.id], add: ['dusk', 'boats'], remove: [] });
    expect(await one.call('library:move', { ids: [record.id], projectId: project.id })).toEqual({ updated: 1 });
    await storeOf(one).flushWriteBack();

    expect(recordIn(file)).toMatchObject({
      id: record.id,
      rating: 5,
      favorite: true,
      tags: ['boats', 'dusk'],
      projectName: 'Harbour',
      prompt: record.prompt,
    });
    // Renaming the project rewrites the name in its images' files.
    await one.call('projects:rename', { id: project.id, name: 'Harbour at dusk' });
    await storeOf(one).flushWriteBack();
    expect(recordIn(file)?.projectName).toBe('Harbour at dusk');
  });

  it('projects, moves and tag suggestions are the team’s: what one workstation makes, the other lists', async () => {
    const library = await teamLibrary();
    const one = await workstation(library, 'Ana Lima');
    const two = await workstation(library, 'Ben Ode');
    const a = (await teamImage(one, library, { createdAt: minute(0), tags: ['moss'] })).record.id;
    const b = (await teamImage(one, library, { createdAt: minute(1), tags: ['moss', 'night'] })).record.id;

    const project = await one.call('projects:create', { name: 'Garden' });
    await expect(two.call('projects:create', { name: 'GARDEN' })).rejects.toThrow(
      'A project named "Garden" already exists',
    );
    await one.call('library:move', { ids: [a], projectId: project.id });
    const heard = one.events.filter((e) => e.channel === 'projects:changed').at(-1)?.payload as {
      projects: { name: string; count: number }[];
    };
    expect(heard.projects).toEqual([expect.objectContaining({ name: 'Garden', count: 1 })]);

    expect(await two.call('projects:list')).toMatchObject({
      projects: [{ id: project.id, name: 'Garden', count: 1 }],
      unsortedCount: 1,
      trashCount: 0,
    });
    expect((await two.call('library:list', { filter: { projectId: project.id } })).items.map((g) => g.id)).toEqual([a]);
    expect(await two.call('library:tags')).toEqual([
      { tag: 'moss', count: 2 },
      { tag: 'night', count: 1 },
    ]);
    expect(await two.call('projects:delete', { id: project.id, images: 'trash' })).toEqual({ moved: 0, trashed: 1 });
    expect(await one.call('projects:list')).toMatchObject({ projects: [], unsortedCount: 1, trashCount: 1 });
    expect(b).toBeDefined();
  });

  it('a team image used as a reference becomes this workstation’s input, and every workstation links what was made from it', async () => {
    const library = await teamLibrary();
    const one = await workstation(library, 'Ana Lima');
    const two = await workstation(library, 'Ben Ode');
    const { record: source, file } = await teamImage(one, library, { createdAt: minute(0) });

    const input = await one.call('inputs:fromLibrary', { id: source.id });
    expect(input.hash).toBe(sha256Hex(new Uint8Array(fs.readFileSync(file))));
    expect(fs.existsSync(path.join(one.home, `inputs/${input.hash}.jpg`))).toBe(true);
    expect(await one.call('inputs:get', { hashes: [input.hash] })).toEqual([input]);

    const { record: edit } = await teamImage(one, library, { createdAt: minute(1), inputs: [input.hash] });
    // A rating rewrites the source file (its hash changes): the link holds on both workstations.
    await one.call('library:rate', { ids: [source.id], rating: 4 });
    await storeOf(one).flushWriteBack();
    expect(sha256Hex(new Uint8Array(fs.readFileSync(file)))).not.toBe(input.hash);

    for (const t of [one, two]) {
      const detail = await t.call('library:get', { id: edit.id });
      expect(detail.references.map((r) => r.generation?.id)).toEqual([source.id]);
      expect(detail.chain.map((step) => step.generation.id)).toEqual([source.id, edit.id]);
      const sourceDetail = await t.call('library:get', { id: source.id });
      expect(sourceDetail.usedBy.map((g) => g.id)).toEqual([edit.id]);
    }
    // The reference's picture is the workstation's own: here on one, a placeholder on two.
    expect((await one.call('library:get', { id: edit.id })).references[0]?.input.url).not.toBe('');
    expect((await two.call('library:get', { id: edit.id })).references[0]?.input).toMatchObject({
      hash: input.hash,
      url: '',
    });
    await expect(one.call('inputs:fromLibrary', { id: '0'.repeat(26) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('“show in folder” names the file in the shared folder; export copies the team’s files with their records', async () => {
    const library = await teamLibrary();
    const one = await workstation(library, 'Ana Lima');
    const { record, file } = await teamImage(one, library, { createdAt: minute(0) });
    expect(await one.call('library:reveal', { id: record.id })).toEqual({ path: file });

    await one.call('library:rate', { ids: [record.id], rating: 3 });
    const destination = makeTempDir('seedbank-team-export-');
    const result = await one.call('library:export', { ids: [record.id], destination });
    expect(result.done).toBe(1);
    const manifest = JSON.parse(fs.readFileSync(path.join(destination, 'manifest.json'), 'utf8')) as {
      images: { file: string; record: EmbeddedRecord }[];
    };
    expect(manifest.images.map((image) => [image.file, image.record.id, image.record.rating])).toEqual([
      [`${record.id}.jpg`, record.id, 3],
    ]);
    // The copy says what the index says (write-back ran before it left the library).
    expect(recordIn(path.join(destination, `${record.id}.jpg`))?.rating).toBe(3);
    await expect(
      one.call('library:export', { ids: [record.id], destination: path.join(library.folder, 'out') }),
    ).rejects.toThrow('Export to a folder outside the library');
  });

  it('spend is this workstation’s jobs’ own: the one that generated sees the charge, the other does not', async () => {
    const library = await teamLibrary();
    const one = await workstation(library, 'Ana Lima');
    const two = await workstation(library, 'Ben Ode');
    const { jobs } = await one.call('jobs:submit', { request: kleinRequest('a spend check') });
    expect((await one.core.runner.waitFor(jobs.map((j) => j.id)))[0]?.status).toBe('done');
    expect((await one.call('library:spend')).allTime.credits).toBeGreaterThan(0);
    expect((await two.call('library:spend')).allTime.credits).toBe(0);
  });

  it('reconcile puts the team rows right with the shared folder: a file gone, a trash cut short, a file copied in', async () => {
    const library = await teamLibrary();
    const one = await workstation(library, 'Ana Lima');
    const two = await workstation(library, 'Ben Ode');
    const gone = await teamImage(one, library, { createdAt: minute(0) });
    const cut = await teamImage(one, library, { createdAt: minute(1) });
    // A trash cut short by a crash: the file moved under trash/, the row never followed.
    const trashed = path.join(library.folder, 'trash', path.relative(library.folder, cut.file));
    fs.mkdirSync(path.dirname(trashed), { recursive: true });
    fs.renameSync(cut.file, trashed);
    fs.renameSync(gone.file, `${gone.file}.away`);
    // A file copied into the shared folder with its record, never indexed.
    const copied = makeRecord({ createdAt: minute(2), prompt: 'a copied lighthouse', rating: 2 });
    const copiedFile = path.join(library.folder, entryOf(copied).file.file);
    fs.writeFileSync(copiedFile, embedRecord(await makeImageBytes('jpeg', 64, 48, 7), copied, { creatorTool: 'x' }));

    const result = await two.call('library:reconcile');
    expect(result.message).toBe('2 files indexed, 1 marked missing');
    expect((await one.call('library:get', { id: gone.record.id })).generation.missing).toBe(true);
    expect((await one.call('library:list', { filter: { trashed: true } })).items.map((g) => g.id)).toEqual([
      cut.record.id,
    ]);
    expect((await one.call('library:get', { id: copied.id })).generation).toMatchObject({
      prompt: 'a copied lighthouse',
      rating: 2,
    });
    // The file back: the next reconcile finds it again.
    fs.renameSync(`${gone.file}.away`, gone.file);
    await two.call('library:reconcile');
    expect((await one.call('library:get', { id: gone.record.id })).generation.missing).toBe(false);
  });

  it('what the app cannot do on a team library says why and what to do instead', async () => {
    const library = await teamLibrary();
    const one = await workstation(library, 'Ana Lima');
    await expect(one.call('library:emptyTrash')).rejects.toThrow(/`seedbank library empty-trash`, which asks first/);
    await expect(one.call('library:import', { directory: makeTempDir('seedbank-team-import-') })).rejects.toThrow(
      /then copy it into the team library with `seedbank library push`/,
    );
    await expect(one.call('library:rebuild')).rejects.toThrow(/pg_restore/);
  });
});
