/**
 * The embedded library (`node:sqlite`, the default) behind the asynchronous `LibraryStore`
 * interface. It wraps the existing `Library` and calls the same functions the app calls, so the
 * embedded behaviour stays exactly as it is; only the shape of the answers changes to Promises.
 */
import type { GenerationDetail, LibraryPage } from '../../../../shared/api';
import type { Generation, Project } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import type { LibraryChange } from '../../../../shared/library-reload';
import type { CoreContext } from '../../context';
import { transaction } from '../db/database';
import { schemaVersion } from '../db/migrations';
import { saveGeneration, type SaveGeneration } from '../db/upsert-generation';
import type { Library } from '../library';
import { ensureLibraryIdFile } from './library-id-file';
import {
  checkRating,
  type ListArgs,
  type LibraryStore,
  type ProjectList,
  type StoreChangeListener,
  type TagCount,
} from './library-store';

export class EmbeddedLibraryStore implements LibraryStore {
  readonly kind = 'embedded';

  constructor(
    private readonly ctx: CoreContext,
    private readonly library: Library,
  ) {}

  libraryId(): Promise<string> {
    return ensureLibraryIdFile(this.ctx.paths.home);
  }

  async schemaVersion(): Promise<number> {
    return schemaVersion(this.ctx.db);
  }

  async addGeneration(entry: SaveGeneration): Promise<Generation> {
    transaction(this.ctx.db, () => saveGeneration(this.ctx.db, entry));
    const generation = this.library.getGeneration(entry.record.id);
    if (!generation) throw new SeedbankError('INTERNAL', 'The image was indexed but could not be read back');
    this.ctx.bus.emit('library:changed', { added: [generation], updated: [], removed: [] });
    return generation;
  }

  async getGeneration(id: string): Promise<Generation | null> {
    return this.library.getGeneration(id);
  }

  async list(args: ListArgs): Promise<LibraryPage> {
    return this.library.list(args);
  }

  async favorite(ids: readonly string[], favorite: boolean): Promise<string[]> {
    return this.edited(ids, () => this.library.favorite(ids, favorite));
  }

  async rate(ids: readonly string[], rating: number): Promise<string[]> {
    checkRating(rating);
    return this.edited(ids, () => this.library.rate(ids, rating));
  }

  async tag(ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<string[]> {
    return this.edited(ids, () => this.library.tag(ids, add, remove));
  }

  async move(ids: readonly string[], projectId: string | null): Promise<string[]> {
    return this.edited(ids, () => this.library.move(ids, projectId));
  }

  async getDetail(id: string): Promise<GenerationDetail | null> {
    return orNullWhenNotFound(() => this.library.getDetail(id));
  }

  async filePath(id: string): Promise<string | null> {
    return orNullWhenNotFound(() => this.library.revealPath(id));
  }

  async tagCounts(): Promise<TagCount[]> {
    return this.library.tagCounts();
  }

  async listProjects(): Promise<ProjectList> {
    return this.library.projects.list();
  }

  async createProject(name: string): Promise<Project> {
    return this.library.projects.create(name);
  }

  async renameProject(id: string, name: string): Promise<Project> {
    return this.library.projects.rename(id, name);
  }

  deleteProject(id: string, images: 'unsorted' | 'trash'): Promise<{ moved: number; trashed: number }> {
    return this.library.projects.delete(id, images);
  }

  async trash(ids: readonly string[]): Promise<string[]> {
    return this.touched(
      ids,
      (g) => !g.trashed,
      () => this.library.trash(ids),
    );
  }

  async restore(ids: readonly string[]): Promise<string[]> {
    return this.touched(
      ids,
      (g) => g.trashed,
      () => this.library.restore(ids),
    );
  }

  async onChange(listener: StoreChangeListener): Promise<() => void> {
    return this.ctx.bus.subscribe((channel, payload) => {
      if (channel !== 'library:changed') return;
      const change = payload as LibraryChange;
      listener({
        added: change.added.map((g) => g.id),
        changed: change.updated.map((g) => g.id),
        removed: [...change.removed],
      });
    });
  }

  /** The Library owns its database and closes it; the store holds nothing of its own. */
  async close(): Promise<void> {}

  /** The Library's edits answer with a count; the store answers with the ids that exist. */
  private edited(ids: readonly string[], work: () => number): string[] {
    const existing = this.existing(ids, () => true);
    work();
    return existing;
  }

  private async touched(
    ids: readonly string[],
    applies: (generation: Generation) => boolean,
    work: () => Promise<number>,
  ): Promise<string[]> {
    const affected = this.existing(ids, applies);
    await work();
    return affected;
  }

  /** The ids among `ids` (once each, in the order asked) whose rows exist and pass `applies`. */
  private existing(ids: readonly string[], applies: (generation: Generation) => boolean): string[] {
    const unique = [...new Set(ids)];
    const found = new Set(
      this.library
        .generationsById(unique)
        .filter(applies)
        .map((g) => g.id),
    );
    return unique.filter((id) => found.has(id));
  }
}

/** The Library answers NOT_FOUND for an unknown id; the store interface answers null. */
function orNullWhenNotFound<T>(read: () => T): T | null {
  try {
    return read();
  } catch (err) {
    if (err instanceof SeedbankError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
