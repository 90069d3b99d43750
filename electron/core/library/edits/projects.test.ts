import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addImages, openTestLibrary, type TestLibrary } from '../../../../test/support/library-test-kit';

let t: TestLibrary;
afterEach(async () => t?.close());

describe('projects', () => {
  it('refuses a second project whose name differs only in letter case', async () => {
    t = await openTestLibrary();
    t.library.projects.create('Moss');
    expect(() => t.library.projects.create('  moss ')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'name' }),
    );
    expect(() => t.library.projects.create('ÉTÉ')).not.toThrow();
    expect(() => t.library.projects.create('été')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('refuses renaming onto another project name but allows changing the case of its own', async () => {
    t = await openTestLibrary();
    const moss = t.library.projects.create('Moss');
    t.library.projects.create('Ferns');
    expect(() => t.library.projects.rename(moss.id, 'FERNS')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(t.library.projects.rename(moss.id, 'MOSS').name).toBe('MOSS');
  });

  it('lists projects with counts, Unsorted and the trash', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 5, (i) => ({ projectName: i < 3 ? 'Moss' : null }));
    await t.library.trash([added[0]!, added[4]!]);
    const list = t.library.projects.list();
    expect(list.projects.map((p) => [p.name, p.count])).toEqual([['Moss', 2]]);
    expect(list.unsortedCount).toBe(1);
    expect(list.trashCount).toBe(2);
  });

  it('deleting a project moves its images to Unsorted', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 2, () => ({ projectName: 'Moss' }));
    const project = t.library.projects.list().projects[0]!;
    expect(await t.library.projects.delete(project.id, 'unsorted')).toEqual({ moved: 2, trashed: 0 });
    expect(t.library.projects.list()).toMatchObject({ projects: [], unsortedCount: 2 });
    for (const id of added) expect(t.library.getGeneration(id)?.projectId).toBeNull();
  });

  it('deleting a project with its images puts them in the trash', async () => {
    t = await openTestLibrary();
    const added = await addImages(t, 2, () => ({ projectName: 'Moss' }));
    const project = t.library.projects.list().projects[0]!;
    expect(await t.library.projects.delete(project.id, 'trash')).toEqual({ moved: 0, trashed: 2 });
    for (const id of added) {
      const generation = t.library.getGeneration(id)!;
      expect(generation.trashed).toBe(true);
      expect(fs.existsSync(path.join(t.home, generation.file))).toBe(true);
    }
  });

  it('moving images to a project that does not exist is NOT_FOUND', async () => {
    t = await openTestLibrary();
    const [id] = await addImages(t, 1);
    expect(() => t.library.move([id!], 'no-such-project')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
