/**
 * Project operations with their side effects: events for the window, write-back of the project
 * name into each image's record on rename (files never move), and what happens to the images
 * of a deleted project (to Unsorted, or to the trash).
 */
import type { Project } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import type { CoreContext } from '../../context';
import { markProjectDirty } from './edits';
import type { Library } from '../library';
import {
  createProject,
  ensureProjectRow,
  listProjects,
  renameProject,
  requireProject,
  type ProjectList,
} from './projects';
import type { WriteBackQueue } from './write-back';

export class ProjectCatalog {
  constructor(
    private readonly ctx: CoreContext,
    private readonly library: Library,
    private readonly writeBack: WriteBackQueue,
  ) {}

  list(): ProjectList {
    return listProjects(this.ctx.db);
  }

  emitChanged(): void {
    this.ctx.bus.emit('projects:changed', { projects: this.list().projects });
  }

  create(name: string): Project {
    const project = createProject(this.ctx.db, name, this.ctx.now());
    this.emitChanged();
    return project;
  }

  ensure(name: string): Project {
    const before = this.ctx.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number };
    const project = ensureProjectRow(this.ctx.db, name, this.ctx.now());
    const after = this.ctx.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number };
    if (after.n !== before.n) this.emitChanged();
    return project;
  }

  rename(id: string, name: string): Project {
    const before = requireProject(this.ctx.db, id);
    const project = renameProject(this.ctx.db, id, name);
    if (before.name !== project.name) this.writeBack.schedule(markProjectDirty(this.ctx.db, id));
    this.emitChanged();
    return project;
  }

  async delete(id: string, images: 'unsorted' | 'trash'): Promise<{ moved: number; trashed: number }> {
    requireProject(this.ctx.db, id);
    const ids = (
      this.ctx.db.prepare('SELECT id FROM generations WHERE project_id = ?').all(id) as { id: string }[]
    ).map((row) => row.id);
    let trashed = 0;
    if (images === 'trash') trashed = await this.library.trash(ids);
    // Every image (trashed ones too) leaves the project: a restored image comes back Unsorted.
    const moved = ids.length > 0 ? this.library.move(ids, null) : 0;
    const deleted = this.ctx.db.prepare('DELETE FROM projects WHERE id = ?').run(id);
    if (deleted.changes === 0) throw new SeedbankError('NOT_FOUND', 'That project no longer exists', 'id');
    this.emitChanged();
    return { moved: images === 'trash' ? 0 : moved, trashed };
  }
}
