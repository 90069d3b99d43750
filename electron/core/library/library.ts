/**
 * The library: every image made with Seedbank, indexed in SQLite for a fast gallery and kept
 * true to the files. This class wires the pieces together — each concern lives in its own file
 * (queries, edits, write-back, thumbnails, trash, export, reconcile, rebuild, import, projects,
 * inputs, search) — and turns their results into contract shapes and `library:changed` events.
 */
import fs from 'node:fs';
import type { GenerationDetail, LibraryPage, LongTaskResult } from '../../../shared/api';
import type { EmbeddedRecord, Generation, InputImage, Project, SpendSummary } from '../../../shared/types';
import { SeedbankError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { readRecord } from '../metadata';
import { addImageFile, type AddImageArgs } from './files/add-image';
import { galleryItemOf } from './db/gallery-tile';
import { hasFts5, transaction } from './db/database';
import * as edits from './edits/edits';
import { exportImages, type ExportSelection } from './maintenance/export';
import { currentFile, findGenerationRow, selectRows, toGenerations, type GenerationRow } from './db/generation-row';
import { runImport } from './maintenance/import-task';
import { foreignRecordOf } from './maintenance/import-foreign';
import {
  getInputRow,
  readStoredInput,
  storedInputSize,
  storeInput,
  toInputImage,
  type StoredInput,
} from './files/inputs';
import { getGenerationDetail } from './query/lineage';
import { countMatches, listRows, type LibraryFilter, type ListArgs } from './query/gallery-page';
import { ProjectCatalog } from './edits/project-actions';
import { rebuildIndex } from './maintenance/rebuild';
import { DeferredStart } from './maintenance/deferred-start';
import { reconcileLibrary, type MaintenanceDeps } from './maintenance/reconcile';
import { createSearchIndex, searchIndexExists } from './db/search-index';
import { spendSummary } from './query/spend';
import { TaskRegistry, type TaskKind, type TaskOutcome, type TaskReporter } from './maintenance/tasks';
import { countMissingThumbnails, makeMissingThumbnails, makeThumbnailNow } from './maintenance/missing-thumbnails';
import { emptyTrash, restoreGenerations, trashGenerations, type MoveToOsTrash } from './edits/trash';
import { WriteBackQueue } from './edits/write-back';
import { WatchedFolders, type WatchedChanges } from './watched/watched-folders';
import { resolveImageFile } from './watched/watched-paths';
import { isSeedbankId } from '../ids';
import { libraryReload } from '../../../shared/library-reload';

/** A live image's thumbnail as a page asks for it (thumbLocation's untrashed form). */
const THUMB_PATH = /^thumbs\/([^/]+)\.webp$/;

export interface LibraryOptions {
  /** Emptying the trash moves files to the OS trash through this (Electron's shell, the `trash` package). */
  moveToOsTrash?: MoveToOsTrash;
  /** Reconcile and make missing thumbnails in the background at start (tests turn it off). */
  backgroundMaintenance?: boolean;
  /**
   * Make missing thumbnails in the background after a reconcile, rebuild or import. The CLI
   * turns it off: a one-shot command starts no pass; the app makes them at its next start.
   */
  thumbnailsAfterTasks?: boolean;
  /**
   * Watch the watched folders for changes (default: with background maintenance; the CLI reads
   * them in a rebuild or reconcile but never watches).
   */
  watchFolders?: boolean;
}

export class Library {
  readonly tasks: TaskRegistry;
  readonly projects: ProjectCatalog;
  readonly watched: WatchedFolders;
  private readonly writeBack: WriteBackQueue;
  private background: Promise<unknown> = Promise.resolve();
  private readonly stopBackground = new AbortController();
  private startup: DeferredStart | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: LibraryOptions = {},
  ) {
    this.tasks = new TaskRegistry(ctx.bus);
    this.writeBack = new WriteBackQueue({
      db: ctx.db,
      home: ctx.paths.home,
      creatorTool: this.creatorTool,
      logger: ctx.logger,
    });
    this.projects = new ProjectCatalog(ctx, this, this.writeBack);
    this.watched = new WatchedFolders({
      ctx,
      maintenance: () => this.deps,
      runTask: (work) => this.tasks.run('reconcile', work, this.stopBackground.signal),
      announce: (changes) => this.announceWatched(changes),
    });
  }

  get creatorTool(): string {
    return `Seedbank ${this.ctx.version}`;
  }

  private readonly makingThumbs = new Map<string, Promise<void>>();

  private get deps(): MaintenanceDeps {
    return {
      db: this.ctx.db,
      home: this.ctx.paths.home,
      now: this.ctx.now,
      logger: this.ctx.logger,
      watched: this.watched.roots(),
    };
  }

  async start(): Promise<void> {
    // A database made where FTS5 was missing gets its index once FTS5 is there.
    if (hasFts5(this.ctx.db) && !searchIndexExists(this.ctx.db))
      transaction(this.ctx.db, () => createSearchIndex(this.ctx.db));
    // Cheap at open (bounded work): gives the planner statistics to choose among the partial indexes.
    this.ctx.db.exec('PRAGMA optimize = 0x10002');
    this.writeBack.schedule(edits.dirtyIds(this.ctx.db));
    const background = this.options.backgroundMaintenance !== false;
    const watch = this.options.watchFolders ?? background;
    if (watch && !background) await this.watched.startWatching();
    if (background) {
      this.startup = new DeferredStart(() => {
        // Watching starts before the rescan, so a file written meanwhile is caught by one or the other.
        const maintenance = (watch ? this.watched.startWatching() : Promise.resolve())
          .then(() =>
            this.tasks.run(
              'reconcile',
              (reporter) => reconcileLibrary(this.deps, reporter),
              this.stopBackground.signal,
            ),
          )
          .then(() => this.makeThumbnails())
          .catch((err: unknown) => this.ctx.logger.warn('background maintenance failed', { error: String(err) }));
        this.background = Promise.all([this.background, maintenance]);
      });
    }
  }

  /** Waits for background maintenance and pending write-back (tests, export, quit). */
  async whenIdle(): Promise<void> {
    this.startup?.now();
    await this.background;
    await this.watched.whenIdle();
    await this.background;
    await this.writeBack.drain();
  }

  async close(): Promise<void> {
    this.startup?.cancel();
    this.stopBackground.abort();
    this.tasks.cancelAll();
    await this.watched.close();
    await this.background;
    await this.writeBack.close();
    this.ctx.db.exec('PRAGMA optimize');
  }

  // ---- reading ----

  toGenerations(rows: readonly GenerationRow[]): Generation[] {
    return toGenerations(this.ctx.db, rows, this.ctx.assetUrl);
  }

  generationsById(ids: readonly string[]): Generation[] {
    return this.toGenerations(selectRows(this.ctx.db, ids));
  }

  getGeneration(id: string): Generation | null {
    return this.generationsById([id])[0] ?? null;
  }

  /** Whole records in the order of `ids`; ids not in the library are left out. */
  records(ids: readonly string[]): Generation[] {
    const byId = new Map(this.generationsById(ids).map((generation) => [generation.id, generation]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  getDetail(id: string): GenerationDetail {
    const detail = getGenerationDetail(this.ctx.db, id, this.ctx.assetUrl);
    if (!detail) throw new SeedbankError('NOT_FOUND', 'That image is not in the library', 'id');
    return detail;
  }

  list(args: ListArgs): LibraryPage {
    const page = listRows(this.ctx.db, this.ctx.logger, args);
    this.startup?.afterFirstPage();
    const assetUrl = this.ctx.assetUrl;
    const items = page.rows.map((tile) => galleryItemOf(tile, assetUrl));
    return { items, nextCursor: page.nextCursor, total: page.total };
  }

  /** How many images a filter matches (the gallery asks after painting the page). */
  count(filter: LibraryFilter): number {
    return countMatches(this.ctx.db, this.ctx.logger, filter);
  }

  /** The absolute path of an image file, for "show in folder". */
  revealPath(id: string): string {
    const row = findGenerationRow(this.ctx.db, id);
    if (!row) throw new SeedbankError('NOT_FOUND', 'That image is not in the library', 'id');
    return resolveImageFile(this.ctx.paths.home, this.watched.roots(), currentFile(row));
  }

  /** The file's Seedbank record, or one made from what another tool embedded, or null. */
  inspectFile(bytes: Uint8Array): EmbeddedRecord | null {
    return readRecord(bytes) ?? foreignRecordOf(bytes, this.ctx.now());
  }

  tagCounts(): edits.TagCount[] {
    return edits.tagCounts(this.ctx.db);
  }

  spend(): SpendSummary {
    return spendSummary(this.ctx.db, this.ctx.now());
  }

  // ---- adding ----

  async addImage(args: AddImageArgs): Promise<Generation> {
    const row = await addImageFile(
      {
        db: this.ctx.db,
        home: this.ctx.paths.home,
        creatorTool: this.creatorTool,
        now: this.ctx.now(),
        logger: this.ctx.logger,
      },
      args,
    );
    const [generation] = this.toGenerations([row]);
    if (!generation) throw new SeedbankError('INTERNAL', 'The image was stored but could not be read back');
    this.ctx.bus.emit('library:changed', { added: [generation], updated: [], removed: [] });
    return generation;
  }

  async addInput(bytes: Uint8Array): Promise<InputImage> {
    const row = await storeInput(this.ctx.db, this.ctx.paths.home, bytes, this.ctx.now());
    return toInputImage(row, this.ctx.assetUrl);
  }

  /** Stored inputs by hash, in the order asked; NOT_FOUND naming the first one that is gone. */
  getInputs(hashes: readonly string[]): InputImage[] {
    return hashes.map((hash) => {
      const row = getInputRow(this.ctx.db, hash);
      if (!row)
        throw new SeedbankError('NOT_FOUND', `Reference image ${hash.slice(0, 12)}… is no longer stored`, 'hashes');
      return toInputImage(row, this.ctx.assetUrl);
    });
  }

  /** A library image as a reference input, stored once by content hash like any other. */
  async addInputFromGeneration(id: string): Promise<InputImage> {
    const generation = this.getGeneration(id);
    if (!generation || generation.missing)
      throw new SeedbankError('NOT_FOUND', 'That image is not in the library', 'id');
    const bytes = await fs.promises.readFile(
      resolveImageFile(this.ctx.paths.home, this.watched.roots(), generation.file),
    );
    return this.addInput(bytes);
  }

  inputSize(hash: string): Promise<{ width: number; height: number }> {
    return storedInputSize(this.ctx.db, this.ctx.paths.home, hash);
  }

  readInput(hash: string): Promise<StoredInput> {
    return readStoredInput(this.ctx.db, this.ctx.paths.home, hash);
  }

  ensureProject(name: string): Project {
    return this.projects.ensure(name);
  }

  // ---- the person's choices (index now, file in the background) ----

  favorite(ids: readonly string[], favorite: boolean): number {
    return this.edited(edits.setFavorite(this.ctx.db, ids, favorite));
  }

  rate(ids: readonly string[], rating: number): number {
    return this.edited(edits.setRating(this.ctx.db, ids, rating));
  }

  tag(ids: readonly string[], add: readonly string[], remove: readonly string[]): number {
    return this.edited(edits.changeTags(this.ctx.db, ids, add, remove));
  }

  move(ids: readonly string[], projectId: string | null): number {
    const count = this.edited(edits.moveToProject(this.ctx.db, ids, projectId));
    this.projects.emitChanged();
    return count;
  }

  /** After an edit: files follow through write-back, the window hears about it. */
  edited(ids: string[]): number {
    if (ids.length === 0) return 0;
    this.writeBack.schedule(ids);
    this.ctx.bus.emit('library:changed', { added: [], updated: this.generationsById(ids), removed: [] });
    return ids.length;
  }

  /** Resolves when every file has caught up with the index. */
  flushWriteBack(): Promise<void> {
    return this.writeBack.drain();
  }

  // ---- trash ----

  async trash(ids: readonly string[]): Promise<number> {
    const moved = await this.whileFilesMove(() =>
      trashGenerations(this.ctx.db, this.ctx.paths.home, ids, this.ctx.now()),
    );
    this.announceMoves(moved);
    return moved.length;
  }

  async restore(ids: readonly string[]): Promise<number> {
    const moved = await this.whileFilesMove(() => restoreGenerations(this.ctx.db, this.ctx.paths.home, ids));
    this.announceMoves(moved);
    return moved.length;
  }

  async emptyTrash(): Promise<number> {
    const removed = await this.whileFilesMove(() =>
      emptyTrash(this.ctx.db, this.ctx.paths.home, this.options.moveToOsTrash),
    );
    if (removed.length > 0) this.ctx.bus.emit('library:changed', { added: [], updated: [], removed });
    this.projects.emitChanged();
    return removed.length;
  }

  /** Write-back waits while files move, so no rewrite lands where a file just left. */
  private async whileFilesMove<T>(work: () => Promise<T>): Promise<T> {
    await this.writeBack.pause();
    try {
      return await work();
    } finally {
      this.writeBack.resume();
    }
  }

  private announceMoves(ids: string[]): void {
    if (ids.length === 0) return;
    this.ctx.bus.emit('library:changed', { added: [], updated: this.generationsById(ids), removed: [] });
    this.projects.emitChanged();
  }

  // ---- watched folders ----

  /** Rows of a watched folder changed: the window hears about it, thumbnails follow. */
  private announceWatched(changes: WatchedChanges): void {
    this.ctx.bus.emit('library:changed', {
      added: this.generationsById(changes.added),
      updated: this.generationsById(changes.updated),
      removed: changes.removed,
    });
    this.projects.emitChanged();
    if (changes.added.length + changes.updated.length > 0 && this.options.thumbnailsAfterTasks !== false)
      this.background = this.background.then(() => this.makeThumbnails()).catch(() => undefined);
  }

  // ---- long tasks ----

  runTask(kind: TaskKind, work: (reporter: TaskReporter) => Promise<TaskOutcome>): Promise<LongTaskResult> {
    return this.tasks.run(kind, work);
  }

  cancelTask(taskId: string): boolean {
    return this.tasks.cancel(taskId);
  }

  reconcile(): Promise<LongTaskResult> {
    return this.maintenance('reconcile', (reporter) => reconcileLibrary(this.deps, reporter));
  }

  rebuild(): Promise<LongTaskResult> {
    return this.maintenance('rebuild', (reporter) => rebuildIndex(this.deps, reporter));
  }

  import(directory: string): Promise<LongTaskResult> {
    return this.maintenance('import', (reporter) =>
      runImport({ ...this.deps, logsDir: this.ctx.paths.logsDir }, directory, reporter),
    );
  }

  /** Pauses or resumes a running task (an import) between files. */
  pauseTask(taskId: string, paused: boolean): boolean {
    return this.tasks.setPaused(taskId, paused);
  }

  async export(selection: ExportSelection): Promise<LongTaskResult> {
    // The files must say what the index says before they leave the library.
    await this.writeBack.drain();
    return this.runTask('export', (reporter) =>
      exportImages({ ...this.deps, version: this.ctx.version }, selection, reporter),
    );
  }

  /**
   * Called by both front doors (the app's asset scheme, the web host's asset route) before they
   * resolve a path: a thumbnail asked for before the background pass made it is made now, so a
   * tile never gets a 404 for an image the library has. Anything else is left to the served-files
   * rule. Concurrent asks for one thumbnail share one making.
   */
  thumbnailOnDemand(rawPath: string): Promise<void> {
    const match = THUMB_PATH.exec(rawPath);
    const id = match?.[1];
    if (id === undefined || !isSeedbankId(id)) return Promise.resolve();
    let making = this.makingThumbs.get(id);
    if (!making) {
      making = makeThumbnailNow(this.deps, id)
        .then(() => undefined)
        .catch((err: unknown) => this.ctx.logger.warn('thumbnail on demand failed', { id, error: String(err) }))
        .finally(() => this.makingThumbs.delete(id));
      this.makingThumbs.set(id, making);
    }
    return making;
  }

  /** Makes missing thumbnails; null when there were none to make (no task, no progress noise). */
  async makeThumbnails(): Promise<LongTaskResult | null> {
    if (countMissingThumbnails(this.ctx.db) === 0) return null;
    return this.runTask('thumbnails', (reporter) => makeMissingThumbnails(this.deps, reporter));
  }

  /**
   * Index work, then the window is told to reload, then missing thumbnails in the background. A
   * reconcile that changed no row (its `done` counts every row indexed or marked missing) tells
   * nobody: the project counts it would send, and every window's re-read of them, cost the main
   * process a pass over the library while a window may be loading its first page.
   */
  private async maintenance(
    kind: TaskKind,
    work: (reporter: TaskReporter) => Promise<TaskOutcome>,
  ): Promise<LongTaskResult> {
    const result = await this.runTask(kind, work);
    if (kind !== 'reconcile' || result.done > 0) {
      this.ctx.bus.emit('library:changed', libraryReload());
      this.projects.emitChanged();
    }
    if (this.options.thumbnailsAfterTasks !== false)
      this.background = this.background.then(() => this.makeThumbnails()).catch(() => undefined);
    return result;
  }
}
