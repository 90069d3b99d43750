/**
 * The file-system watch on the watched folders, through chokidar (maintained, the watcher most
 * Node tools use; it smooths over each OS's native events). It only reports: an image file
 * added or changed, or one gone. Files still being written are reported once their size has
 * held still for a moment (`awaitWriteFinish`), so a half-written PNG is never read. Hidden
 * files (atomic-write temporaries) and anything that is not a JPEG, PNG or WebP are ignored;
 * links are not followed, so nothing outside a folder is reported as inside it.
 */
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { Logger } from '../../logging/logger';
import type { StoredWatchedFolder } from '../../settings/watch-list';
import { formatFromExtension } from '../files/library-paths';

export type WatchEvent = 'changed' | 'removed';

export type WatchListener = (folder: StoredWatchedFolder, event: WatchEvent, file: string) => void;

/** How long a new file's size must hold still before it is read. */
const WRITE_SETTLE_MS = 200;

function ignoredIn(root: string) {
  return (file: string, stats?: { isFile(): boolean }): boolean => {
    const inside = path.relative(root, file);
    if (inside === '') return false;
    if (inside.split(path.sep).some((part) => part.startsWith('.'))) return true;
    return stats?.isFile() === true && formatFromExtension(file) === null;
  };
}

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly listener: WatchListener,
    private readonly logger: Logger,
  ) {}

  /** Starts watching; resolves once the watch is in place (changes from then on are reported). */
  async add(folder: StoredWatchedFolder): Promise<void> {
    if (this.watchers.has(folder.id)) return;
    // Loaded with the first watched folder: a library with none (and the CLI) never loads it.
    const { watch } = await import('chokidar');
    if (this.watchers.has(folder.id)) return;
    const watcher = watch(folder.path, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: ignoredIn(folder.path),
      awaitWriteFinish: { stabilityThreshold: WRITE_SETTLE_MS, pollInterval: 50 },
    });
    this.watchers.set(folder.id, watcher);
    const report = (event: WatchEvent) => (file: string) => {
      if (formatFromExtension(file) !== null) this.listener(folder, event, file);
    };
    watcher.on('add', report('changed'));
    watcher.on('change', report('changed'));
    watcher.on('unlink', report('removed'));
    watcher.on('error', (error) =>
      this.logger.warn('watched folder error', { folder: folder.path, error: String(error) }),
    );
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  async remove(folderId: string): Promise<void> {
    const watcher = this.watchers.get(folderId);
    this.watchers.delete(folderId);
    await watcher?.close();
  }

  async close(): Promise<void> {
    const all = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(all.map((watcher) => watcher.close()));
  }
}
