/**
 * The team library store: the index on PostgreSQL, the files in the studio's shared folder
 * (same layout as the embedded library's folder). Opening checks that the database is at the
 * schema version this Seedbank expects and that the folder carries the database's library id;
 * either mismatch refuses to connect with what to do (team-connect.ts).
 */
import os from 'node:os';
import type pg from 'pg';
import type { GenerationDetail, LibraryPage } from '../../../../shared/api';
import type { Generation, InputImage, Project } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import { currentFile, type GenerationRow } from '../db/generation-row';
import { cleanTags, type SaveGeneration } from '../db/upsert-generation';
import { readLibraryIdFile } from '../store/library-id-file';
import type { RewriteQueue } from '../edits/rewrite-queue';
import { absolutePath } from '../files/library-paths';
import {
  checkRating,
  type ListArgs,
  type LibraryStore,
  type ProjectList,
  type StoreChangeListener,
  type TagCount,
} from '../store/library-store';
import { connectTeam } from './team-connect';
import { reconcileTeamLibrary } from './team-reconcile';
import type { Logger } from '../../logging/logger';
import type { TaskOutcome, TaskReporter } from '../maintenance/tasks';
import { teamExportSource } from './team-export';
import type { ExportSource } from '../maintenance/export';
import { emptyTeamTrash, inOrder, restoreTeamImages, teamTrashCount, trashTeamImages } from './team-trash';
import { noteTeamInput, teamDetail, type LocalInputs } from './team-detail';
import {
  createTeamProject,
  ensureTeamProject,
  markTeamProjectDirty,
  deleteTeamProjectRow,
  idsInProject,
  listTeamProjects,
  renameTeamProject,
  requireTeamProject,
  teamTagCounts,
} from './team-projects';
import { inTransaction } from './team-connection';
import { cursorAfter, pageQueries, searchQueryText } from './team-gallery';
import { ChangeFeed } from './team-live';
import { selectTeamRows, toTeamGenerations } from './team-rows';
import { changeTeamTags, saveTeamGeneration, type Maker } from './team-upsert';
import {
  dirtyTeamIds,
  teamWriteBackQueue,
  writeBackTeamFile,
  type TeamWriteBackOptions,
  type WriteBackOutcome,
} from './team-write-back';

export type { TeamWriteBackOptions } from './team-write-back';

export interface TeamStoreOptions {
  /** `postgres://…` */
  url: string;
  /** The shared folder holding `images/`, `trash/` and the library id file. */
  folder: string;
  assetUrl: (relativePath: string) => string;
  /** Recorded with each image added; the OS user and host name by default. */
  maker?: Partial<Maker>;
  now?: () => Date;
  /** Told when a connection drops, live updates stop, and while they are being restored. */
  onTrouble?: (message: string) => void;
  /**
   * Write-back in the background after each edit (the app turns it on; without it, `writeBack`
   * is only called by hand, as the CLI and some tests do). Rows edited and not yet written back
   * (a quit, a failure, another workstation that stopped) are picked up when the store opens.
   */
  writeBack?: TeamWriteBackOptions;
}

export class TeamLibraryStore implements LibraryStore {
  readonly kind = 'team';
  private readonly feed: ChangeFeed;
  private readonly maker: Maker;
  /** Background write-back, when the options ask for it. */
  private readonly queue: RewriteQueue | null;
  /** The start-up scan for rows whose file is behind (sweepDirty). */
  private sweeping: Promise<void> = Promise.resolve();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: TeamStoreOptions,
    private readonly id: string,
    private readonly version: number,
  ) {
    this.feed = new ChangeFeed(options.url, options.onTrouble);
    this.maker = {
      host: options.maker?.host ?? os.hostname(),
      person: options.maker?.person ?? os.userInfo().username,
    };
    this.queue = options.writeBack ? teamWriteBackQueue(pool, options.folder, options.writeBack) : null;
  }

  /** Connects, or refuses with a message naming the problem and what to do. */
  static async open(options: TeamStoreOptions): Promise<TeamLibraryStore> {
    const { pool, libraryId, version } = await connectTeam(options.url, options.folder, options.onTrouble);
    const store = new TeamLibraryStore(pool, options, libraryId, version);
    store.sweepDirty();
    return store;
  }

  /**
   * Schedules every row whose file is behind (this workstation's unfinished rewrites, and those of
   * one that quit or crashed). In the background: the scan reads the whole table, and opening
   * must not wait for it.
   */
  private sweepDirty(): void {
    const { queue } = this;
    const writeBack = this.options.writeBack;
    if (!queue || !writeBack) return;
    this.sweeping = this.dirtyIds().then(
      (ids) => queue.schedule(ids),
      (err: unknown) => writeBack.logger.warn('write-back: dirty rows not read', { error: String(err) }),
    );
  }

  /** Ids whose file has not caught up with its row (by any workstation), oldest first. */
  dirtyIds(): Promise<string[]> {
    return dirtyTeamIds(this.pool);
  }

  /** Resolves when the background write-back has nothing pending or under way (export, tests, quit). */
  async flushWriteBack(): Promise<void> {
    await this.sweeping;
    await this.queue?.drain();
  }

  async libraryId(): Promise<string> {
    return this.id;
  }

  async schemaVersion(): Promise<number> {
    return this.version;
  }

  async addGeneration(entry: SaveGeneration): Promise<Generation> {
    await inTransaction(this.pool, (client) => saveTeamGeneration(client, entry, this.maker));
    const generation = await this.getGeneration(entry.record.id);
    if (!generation) throw new SeedbankError('INTERNAL', 'The image was indexed but could not be read back');
    return generation;
  }

  async getGeneration(id: string): Promise<Generation | null> {
    return (await this.generationsById([id]))[0] ?? null;
  }

  private async generationsById(ids: readonly string[]): Promise<Generation[]> {
    return toTeamGenerations(this.pool, await selectTeamRows(this.pool, ids), this.options.assetUrl);
  }

  /** The ids among `ids` that have a row here (trashed or not). */
  async presentIds(ids: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM generations WHERE id = ANY($1)', [ids]);
    return new Set(rows.map((row) => row.id));
  }

  /** The id of the project with this name (any letter case), made when there is none. */
  ensureProject(name: string): Promise<string> {
    return ensureTeamProject(this.pool, name, this.options.now?.() ?? new Date());
  }

  async list(args: ListArgs): Promise<LibraryPage> {
    const { count, page } = pageQueries(args, await searchQueryText(this.pool, args.filter));
    // Like the embedded store: `count: false` leaves the total to a later ask (see ListArgs).
    const [counted, paged] = await Promise.all([
      args.count === false ? null : this.pool.query<{ n: number }>(count),
      this.pool.query<GenerationRow>(page),
    ]);
    const rows = paged.rows;
    const more = rows.length > args.limit;
    if (more) rows.pop();
    const last = rows.at(-1);
    return {
      items: await toTeamGenerations(this.pool, rows, this.options.assetUrl),
      nextCursor: more && last ? cursorAfter(args.sort, last) : null,
      total: counted === null ? null : (counted.rows[0]?.n ?? 0),
    };
  }

  favorite(ids: readonly string[], favorite: boolean): Promise<string[]> {
    return this.update(ids, 'favorite = $2', [favorite ? 1 : 0]);
  }

  async rate(ids: readonly string[], rating: number): Promise<string[]> {
    return this.update(ids, 'rating = $2', [checkRating(rating)]);
  }

  async tag(ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<string[]> {
    const adding = cleanTags(add);
    const removing = cleanTags(remove);
    return this.edited(
      await inTransaction(this.pool, async (client) => {
        const found = await this.markDirty(client, ids, '', []);
        await changeTeamTags(client, found, adding, removing);
        return found;
      }),
    );
  }

  async move(ids: readonly string[], projectId: string | null): Promise<string[]> {
    if (projectId !== null) await requireTeamProject(this.pool, projectId);
    return this.update(ids, 'project_id = $2', [projectId]);
  }

  // ---- reading more than a row ----

  /** `local`: this workstation's reference images, which link references to team images (team-detail.ts). */
  getDetail(id: string, local?: LocalInputs): Promise<GenerationDetail | null> {
    return teamDetail(this.pool, id, this.options.assetUrl, local);
  }

  async filePath(id: string): Promise<string | null> {
    const row = (await selectTeamRows(this.pool, [id]))[0];
    return row ? absolutePath(this.options.folder, currentFile(row)) : null;
  }

  tagCounts(): Promise<TagCount[]> {
    return teamTagCounts(this.pool);
  }

  /**
   * Tells the team that the reference image `input` is the team image `generationId` (made from
   * it on some workstation), so every workstation's lineage links them — even after write-back
   * has changed the image file's hash. Only the facts go in; the picture stays on that workstation.
   */
  noteInput(input: InputImage, generationId: string): Promise<void> {
    return noteTeamInput(this.pool, input, generationId, this.options.now?.() ?? new Date());
  }

  /** What an export reads from this library (team-export.ts); flush write-back first. */
  exportSource(): ExportSource {
    return teamExportSource(this.pool, this.options.folder);
  }

  // ---- projects ----

  listProjects(): Promise<ProjectList> {
    return listTeamProjects(this.pool);
  }

  createProject(name: string): Promise<Project> {
    return createTeamProject(this.pool, name, this.options.now?.() ?? new Date());
  }

  async renameProject(id: string, name: string): Promise<Project> {
    const { project, renamed } = await renameTeamProject(this.pool, id, name);
    // The images' records carry the project's name: their files follow.
    if (renamed) this.edited(await markTeamProjectDirty(this.pool, id));
    return project;
  }

  async deleteProject(id: string, images: 'unsorted' | 'trash'): Promise<{ moved: number; trashed: number }> {
    await requireTeamProject(this.pool, id);
    const ids = await idsInProject(this.pool, id);
    const trashed = images === 'trash' ? (await this.trash(ids)).length : 0;
    // Every image (trashed ones too) leaves the project: a restored image comes back Unsorted.
    const moved = (await this.move(ids, null)).length;
    await deleteTeamProjectRow(this.pool, id);
    return { moved: images === 'trash' ? 0 : moved, trashed };
  }

  /** Files first, then rows, one workstation per file (team-trash.ts). */
  trash(ids: readonly string[]): Promise<string[]> {
    return trashTeamImages(this.pool, this.options.folder, ids, (this.options.now?.() ?? new Date()).toISOString());
  }

  restore(ids: readonly string[]): Promise<string[]> {
    return restoreTeamImages(this.pool, this.options.folder, ids);
  }

  /**
   * Brings the file of each id up to its row (rating, favourite, tags, project), one
   * workstation at a time per file (team-write-back.ts), now. With the `writeBack` option the
   * store also runs this in the background after each edit (the queue above).
   */
  async writeBack(ids: readonly string[], creatorTool: string): Promise<WriteBackOutcome[]> {
    const outcomes: WriteBackOutcome[] = [];
    for (const id of new Set(ids))
      outcomes.push(await writeBackTeamFile(this.pool, this.options.folder, id, creatorTool));
    return outcomes;
  }

  /** Puts the rows right with the shared folder's files (team-reconcile.ts). */
  reconcile(reporter: TaskReporter, logger: Pick<Logger, 'warn'>): Promise<TaskOutcome> {
    return reconcileTeamLibrary({ pool: this.pool, store: this, folder: this.options.folder, logger }, reporter);
  }

  /** How many images are in the team trash. */
  trashCount(): Promise<number> {
    return teamTrashCount(this.pool);
  }

  /** Deletes every trashed image for good. Only `seedbank library empty-trash` calls this: in a team, no button in the app does. */
  emptyTrash(): Promise<string[]> {
    return emptyTeamTrash(this.pool, this.options.folder);
  }

  /**
   * Resolves when the server answers and the shared folder still carries this library's id;
   * throws with which of the two is missing (the offline watch, team-reach.ts, asks this).
   */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
    const inFolder = await readLibraryIdFile(this.options.folder);
    if (inFolder !== this.id)
      throw new Error(`The shared folder ${this.options.folder} cannot be read or is not this library's`);
  }

  /** Changes by any workstation, this one included, arrive through the database's notifications. */
  async onChange(listener: StoreChangeListener): Promise<() => void> {
    const { ready, unsubscribe } = this.feed.subscribe(listener);
    await ready;
    return unsubscribe;
  }

  async close(): Promise<void> {
    await this.sweeping;
    await this.queue?.close();
    await this.feed.close();
    await this.pool.end();
  }

  private async update(ids: readonly string[], set: string, values: unknown[]): Promise<string[]> {
    return this.edited(await inTransaction(this.pool, (client) => this.markDirty(client, ids, `, ${set}`, values)));
  }

  /** After an edit is committed: the files follow in the background (when write-back is on). */
  private edited(ids: string[]): string[] {
    this.queue?.schedule(ids);
    return ids;
  }

  /** Applies `set` and counts an edit the file has yet to follow (write-back), on the rows that exist. */
  private async markDirty(
    client: pg.PoolClient,
    ids: readonly string[],
    set: string,
    values: unknown[],
  ): Promise<string[]> {
    const { rows } = await client.query<{ id: string }>(
      `UPDATE generations SET record_dirty = record_dirty + 1${set} WHERE id = ANY($1) RETURNING id`,
      [[...new Set(ids)], ...values],
    );
    return inOrder(ids, rows);
  }
}
