/**
 * One library interface, two stores: the embedded library (`node:sqlite`, one person, the
 * default) and the team library (PostgreSQL + a shared folder, issue 17). PostgreSQL drivers are
 * asynchronous, so every operation returns a Promise on both stores.
 *
 * The interface covers the library's own operations: index a generation, read one (alone or
 * with its lineage), a gallery page (filter, sort, keyset cursor, full-text search), the person's
 * choices (favourite, rating, tags, project), projects, tag suggestions, trash and restore, where
 * an image's file is, the schema version and the library id. The embedded app's call sites still
 * use the `Library` directly; the team library's channels go through this interface
 * (team/team-library-handlers.ts, docs/team-library.md).
 */
import type { GenerationDetail, LibraryPage } from '../../../../shared/api';
import type { Generation, Project } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import type { SaveGeneration } from '../db/upsert-generation';
import type { ListArgs } from '../query/gallery-page';
import type { TagCount } from '../edits/edits';
import type { ProjectList } from '../edits/projects';

export type { ListArgs } from '../query/gallery-page';
export type { TagCount } from '../edits/edits';
export type { ProjectList } from '../edits/projects';
export type { SaveGeneration } from '../db/upsert-generation';

/**
 * What changed in a library, by id: as the `library:changed` event, before the rows are read.
 * All lists empty means "reload": changes may have been missed (as `library:changed` after a rebuild).
 */
export interface StoreChange {
  /** Ids whose rows are new. */
  added: string[];
  /** Ids whose rows were edited, trashed or restored (or indexed again). */
  changed: string[];
  /** Ids whose rows are gone (the trash emptied). */
  removed: string[];
  /** The project list changed (a project created, renamed or deleted; team store only). */
  projects?: boolean;
}

export type StoreChangeListener = (change: StoreChange) => void;

/** A change naming nothing is "reload" (the live feed reconnected and may have missed some). */
export function isReload(change: StoreChange): boolean {
  return change.added.length + change.changed.length + change.removed.length === 0 && !change.projects;
}

export interface LibraryStore {
  readonly kind: 'embedded' | 'team';
  /** The id this library was given when it was made; the team folder carries the same id. */
  libraryId(): Promise<string>;
  /** The schema version the database is at. */
  schemaVersion(): Promise<number>;
  /** Indexes a generation whose file is already in place (inserts, or replaces the row with that id). */
  addGeneration(entry: SaveGeneration): Promise<Generation>;
  getGeneration(id: string): Promise<Generation | null>;
  list(args: ListArgs): Promise<LibraryPage>;
  /** Each edit returns the ids it touched (those that exist). */
  favorite(ids: readonly string[], favorite: boolean): Promise<string[]>;
  rate(ids: readonly string[], rating: number): Promise<string[]>;
  tag(ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<string[]>;
  /** Into a project, or Unsorted with null; an unknown project is NOT_FOUND naming `projectId`. */
  move(ids: readonly string[], projectId: string | null): Promise<string[]>;
  trash(ids: readonly string[]): Promise<string[]>;
  restore(ids: readonly string[]): Promise<string[]>;
  /** The image with its lineage (references, used by, edit chain, imported source); null when unknown. */
  getDetail(id: string): Promise<GenerationDetail | null>;
  /** The absolute path of an image's file where it is now (under `trash/` when trashed); null when unknown. */
  filePath(id: string): Promise<string | null>;
  /** Tags with how many images outside the trash carry each, most used first (tag suggestions). */
  tagCounts(): Promise<TagCount[]>;
  listProjects(): Promise<ProjectList>;
  /** A name already taken in any letter case is INVALID_INPUT naming `name`. */
  createProject(name: string): Promise<Project>;
  /** The images' records follow the new name through write-back; no file moves. */
  renameProject(id: string, name: string): Promise<Project>;
  /** Its images go to Unsorted, or to the trash (and leave the project either way). */
  deleteProject(id: string, images: 'unsorted' | 'trash'): Promise<{ moved: number; trashed: number }>;
  /**
   * Calls `listener` after a change made through this store or — for the team store — by
   * another workstation on the same database. Resolves, with the unsubscribe function, once the
   * listener is in place: every change committed after that reaches it.
   */
  onChange(listener: StoreChangeListener): Promise<() => void>;
  close(): Promise<void>;
}

/** A rating is a whole number of stars, 0 to 5 (0 = not rated); the same rule for both stores. */
export function checkRating(rating: number): number {
  if (!Number.isInteger(rating) || rating < 0 || rating > 5)
    throw new SeedbankError('INVALID_INPUT', 'A rating is a whole number from 0 to 5', 'rating');
  return rating;
}
