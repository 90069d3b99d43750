/**
 * Watched folders: folders another tool writes into (ComfyUI's `output/`, say), indexed in
 * place. Their images join the library without being copied and their files are never written
 * (no record embedded, no id rewritten, never moved to the trash); ratings, tags and projects
 * for them live in the database and go into a file only when it is exported.
 *
 * The list lives in the settings (`settings/watch-list.ts`). Adding a folder indexes what is in
 * it now and watches it from then on: a new or changed file is read within moments and
 * announced as `library:changed`; a deleted one is marked missing, as reconcile does. Start-up
 * reconcile and rebuild read these folders too. Removing a folder drops its rows and our
 * thumbnails of them, never its files.
 */
import { realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { SeedbankError } from '../../../../shared/errors';
import type { WatchedFolder } from '../../../../shared/types';
import type { CoreContext } from '../../context';
import { newId } from '../../ids';
import type { StoredWatchedFolder } from '../../settings/watch-list';
import { transaction } from '../db/database';
import { absolutePath, thumbLocation } from '../files/library-paths';
import type { FileOnDisk } from '../files/library-scan';
import { checkSourceFolder } from '../maintenance/import';
import { indexFiles, type MaintenanceDeps } from '../maintenance/reconcile';
import type { TaskOutcome, TaskReporter } from '../maintenance/tasks';
import { FolderWatcher, type WatchEvent } from './folder-watcher';
import { watchedLocation, watchedPrefix } from './watched-paths';
import { scanWatchedFiles, watchedFileOnDisk } from './watched-scan';

/** Plenty for every tool's output folder; a bound on how many watches one page can ask for. */
export const MAX_WATCHED_FOLDERS = 50;
/** Events that arrive together (a batch render) are indexed together. */
const GATHER_MS = 50;

export interface WatchedChanges {
  added: string[];
  updated: string[];
  removed: string[];
}

export interface WatchedFoldersDeps {
  ctx: CoreContext;
  /** The maintenance deps of the library (the watch list is filled in here). */
  maintenance: () => Omit<MaintenanceDeps, 'watched'>;
  /** Runs indexing work as a long task with progress (the library's task registry). */
  runTask: (work: (reporter: TaskReporter) => Promise<TaskOutcome>) => Promise<unknown>;
  /** Rows added, changed or removed: the library tells the window and makes thumbnails. */
  announce: (changes: WatchedChanges) => void;
}

const isWithin = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);

/** Ids of the rows whose file is in the folder `folderId` (a range over the unique `file` index). */
function rowsOf(db: DatabaseSync, folderId: string): { id: string; missing: number }[] {
  const prefix = watchedPrefix(folderId);
  // '0' follows '/' in every collation SQLite uses here, so [prefix, 'watched/<id>0') is the folder.
  const end = `${prefix.slice(0, -1)}0`;
  return db.prepare('SELECT id, missing FROM generations WHERE file >= ? AND file < ?').all(prefix, end) as {
    id: string;
    missing: number;
  }[];
}

function idByFile(db: DatabaseSync, location: string): string | null {
  const row = db.prepare('SELECT id FROM generations WHERE file = ?').get(location) as { id: string } | undefined;
  return row?.id ?? null;
}

export class WatchedFolders {
  private folders: StoredWatchedFolder[];
  private readonly watcher: FolderWatcher;
  private readonly pending = new Map<string, { folderId: string; event: WatchEvent }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private work: Promise<unknown> = Promise.resolve();
  private watching = false;
  private readonly stop = new AbortController();

  constructor(private readonly deps: WatchedFoldersDeps) {
    this.folders = deps.ctx.settings.watchList();
    this.watcher = new FolderWatcher((folder, event, file) => this.queue(folder, event, file), deps.ctx.logger);
  }

  /** The watch list as stored (what maintenance reads and the served-files rule serves). */
  roots(): readonly StoredWatchedFolder[] {
    return this.folders;
  }

  list(): WatchedFolder[] {
    const { db } = this.deps.ctx;
    return this.folders.map((folder) => ({
      id: folder.id,
      path: folder.path,
      name: path.basename(folder.path) || folder.path,
      images: rowsOf(db, folder.id).filter((row) => row.missing === 0).length,
    }));
  }

  /** Watches every folder on the list from now on. */
  async startWatching(): Promise<void> {
    this.watching = true;
    await Promise.all(this.folders.map((folder) => this.watcher.add(folder)));
  }

  /**
   * Adds `folder` (already resolved by the front door's folder rule) to the list, starts
   * watching it and indexes what it holds now in the background (as a task with progress).
   */
  async add(folder: string): Promise<WatchedFolder> {
    const checked = await checkSourceFolder(this.deps.ctx.paths.home, folder).catch((err: unknown) => {
      throw err instanceof SeedbankError ? new SeedbankError(err.code, err.message, 'folder') : err;
    });
    const real = await realpath(checked);
    for (const other of this.folders) {
      if (isWithin(real, other.path) || isWithin(other.path, real)) {
        throw new SeedbankError(
          'INVALID_INPUT',
          real === other.path
            ? 'That folder is watched already'
            : `That folder overlaps the watched folder ${other.path}`,
          'folder',
        );
      }
    }
    if (this.folders.length >= MAX_WATCHED_FOLDERS) {
      throw new SeedbankError('INVALID_INPUT', `At most ${MAX_WATCHED_FOLDERS} folders can be watched`, 'folder');
    }
    const entry: StoredWatchedFolder = { id: newId(this.deps.ctx.now().getTime()), path: real };
    this.folders = [...this.folders, entry];
    this.deps.ctx.settings.setWatchList(this.folders);
    if (this.watching) await this.watcher.add(entry);
    this.serially(() => this.deps.runTask((reporter) => this.indexFolder(entry, reporter)));
    const added = this.list().find((item) => item.id === entry.id);
    if (!added) throw new SeedbankError('INTERNAL', 'The folder was added but could not be listed');
    return added;
  }

  /** Stops watching `id` and removes its rows and thumbnails; the folder and its files stay. */
  async remove(id: string): Promise<number> {
    const folder = this.folders.find((item) => item.id === id);
    if (!folder) throw new SeedbankError('NOT_FOUND', 'That folder is not watched', 'id');
    await this.watcher.remove(id);
    this.folders = this.folders.filter((item) => item.id !== id);
    this.deps.ctx.settings.setWatchList(this.folders);
    // Indexing under way for this folder finishes first, so no row of it is added after the delete.
    await this.work;
    const { db, paths } = this.deps.ctx;
    const ids = rowsOf(db, id).map((row) => row.id);
    transaction(db, () => {
      const remove = db.prepare('DELETE FROM generations WHERE id = ?');
      for (const rowId of ids) remove.run(rowId);
    });
    // Thumbnails are ours (under the library's thumbs/), made from the folder's images.
    await Promise.all(ids.map((rowId) => rm(absolutePath(paths.home, thumbLocation(rowId, false)), { force: true })));
    if (ids.length > 0) this.deps.announce({ added: [], updated: [], removed: ids });
    return ids.length;
  }

  /** Resolves when no event is waiting and no indexing is under way (tests, quit). */
  async whenIdle(): Promise<void> {
    for (;;) {
      // Events waiting for their gathering delay are read now rather than waited for.
      if (this.timer !== null) {
        clearTimeout(this.timer);
        this.timer = null;
        this.serially(() => this.flush());
      }
      await this.work;
      if (this.timer === null && this.pending.size === 0) return;
    }
  }

  async close(): Promise<void> {
    this.stop.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    await this.watcher.close();
    await this.work.catch(() => undefined);
  }

  private maintenanceDeps(): MaintenanceDeps {
    return { ...this.deps.maintenance(), watched: this.folders };
  }

  private serially(step: () => Promise<unknown>): void {
    this.work = this.work
      .then(step)
      .catch((err: unknown) => this.deps.ctx.logger.warn('watched folder indexing failed', { error: String(err) }));
  }

  private async indexFolder(folder: StoredWatchedFolder, reporter: TaskReporter): Promise<TaskOutcome> {
    reporter.progress(0, 0, `Looking at ${path.basename(folder.path)}`);
    const files = [...(await scanWatchedFiles([folder], reporter.signal)).values()];
    const indexed = await this.indexLocations(files, reporter);
    return {
      done: indexed.done,
      failed: indexed.failed,
      message: `${indexed.done} images of ${path.basename(folder.path)} indexed in place`,
    };
  }

  /** Indexes the files, then announces which rows are new and which changed. */
  private async indexLocations(files: FileOnDisk[], reporter: TaskReporter) {
    const { db } = this.deps.ctx;
    const before = new Set(files.map((file) => idByFile(db, file.location)).filter((id) => id !== null));
    const indexed = await indexFiles(this.maintenanceDeps(), files, reporter);
    const after = files.map((file) => idByFile(db, file.location)).filter((id) => id !== null);
    const added = after.filter((id) => !before.has(id));
    const updated = after.filter((id) => before.has(id));
    if (added.length + updated.length > 0) this.deps.announce({ added, updated, removed: [] });
    return indexed;
  }

  private queue(folder: StoredWatchedFolder, event: WatchEvent, file: string): void {
    this.pending.set(file, { folderId: folder.id, event });
    this.flushSoon();
  }

  private flushSoon(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.serially(() => this.flush());
    }, GATHER_MS);
  }

  /** Reads what was added or changed, marks missing what was deleted. */
  private async flush(): Promise<void> {
    const batch = [...this.pending];
    this.pending.clear();
    const changed: FileOnDisk[] = [];
    const gone: string[] = [];
    for (const [file, { folderId, event }] of batch) {
      const folder = this.folders.find((item) => item.id === folderId);
      if (!folder || this.stop.signal.aborted) continue;
      const onDisk = event === 'changed' ? await watchedFileOnDisk(folder, file) : null;
      if (onDisk) changed.push(onDisk);
      else {
        const location = watchedLocation(folder, file);
        if (location) gone.push(location);
      }
    }
    const reporter: TaskReporter = { signal: this.stop.signal, progress: () => {} };
    if (changed.length > 0) await this.indexLocations(changed, reporter);
    if (gone.length > 0) this.markGone(gone);
  }

  /** A file deleted in the folder: its row is marked missing (never dropped; the file may come back). */
  private markGone(locations: string[]): void {
    const { db } = this.deps.ctx;
    const marked: string[] = [];
    transaction(db, () => {
      const mark = db.prepare('UPDATE generations SET missing = 1 WHERE file = ? AND missing = 0 RETURNING id');
      for (const location of locations) {
        const row = mark.get(location) as { id: string } | undefined;
        if (row) marked.push(row.id);
      }
    });
    if (marked.length > 0) this.deps.announce({ added: [], updated: marked, removed: [] });
  }
}
