/**
 * The team library store: the index on PostgreSQL, the files in the studio's shared folder
 * (same layout as the embedded library's folder). Opening checks that the database is at the
 * schema version this Seedbank expects and that the folder carries the database's library id;
 * either mismatch refuses to connect with what to do (team-connect.ts).
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import type pg from 'pg';
import type { LibraryPage } from '../../../../shared/api';
import type { Generation } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import type { GenerationRow } from '../db/generation-row';
import { cleanTags, type SaveGeneration } from '../db/upsert-generation';
import { cleanProjectName } from '../edits/projects';
import { move } from '../edits/trash';
import { newId } from '../../ids';
import { absolutePath, trashedLocation } from '../files/library-paths';
import { checkRating, type ListArgs, type LibraryStore, type StoreChangeListener } from '../store/library-store';
import { connectTeam } from './team-connect';
import { inTransaction } from './team-connection';
import { cursorAfter, pageQueries, searchQueryText, TEAM_GENERATION_COLUMNS } from './team-gallery';
import { ChangeFeed } from './team-live';
import { selectTeamRows, toTeamGenerations } from './team-rows';
import { changeTeamTags, saveTeamGeneration, type Maker } from './team-upsert';
import { writeBackTeamFile, type WriteBackOutcome } from './team-write-back';

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
}

export class TeamLibraryStore implements LibraryStore {
  readonly kind = 'team';
  private readonly feed: ChangeFeed;
  private readonly maker: Maker;

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
  }

  /** Connects, or refuses with a message naming the problem and what to do. */
  static async open(options: TeamStoreOptions): Promise<TeamLibraryStore> {
    const { pool, libraryId, version } = await connectTeam(options.url, options.folder, options.onTrouble);
    return new TeamLibraryStore(pool, options, libraryId, version);
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

  /** The id of the project with this name (any case), made when there is none. */
  async ensureProject(name: string): Promise<string> {
    const clean = cleanProjectName(name);
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH made AS (
         INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id)
       SELECT id FROM made UNION ALL SELECT id FROM projects WHERE lower(name) = lower($2) LIMIT 1`,
      [newId(), clean, (this.options.now?.() ?? new Date()).toISOString()],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new SeedbankError('INTERNAL', `The project ${clean} could not be made`);
    return id;
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
    return inTransaction(this.pool, async (client) => {
      const found = await this.markDirty(client, ids, '', []);
      await changeTeamTags(client, found, adding, removing);
      return found;
    });
  }

  /**
   * Files first, then rows (as the embedded trash), with the rows locked meanwhile: another
   * workstation emptying the trash or restoring the same images waits, so a file is never moved
   * for a row that is being deleted (after a crash in between, reconcile puts the row right).
   */
  trash(ids: readonly string[]): Promise<string[]> {
    const trashedAt = (this.options.now?.() ?? new Date()).toISOString();
    return this.moveFiles(ids, 'g.trashed_at IS NULL', (row) => [row.file, trashedLocation(row.file)], {
      set: 'trashed_at = $2',
      values: [trashedAt],
    });
  }

  restore(ids: readonly string[]): Promise<string[]> {
    return this.moveFiles(ids, 'g.trashed_at IS NOT NULL', (row) => [trashedLocation(row.file), row.file], {
      set: 'trashed_at = NULL',
      values: [],
    });
  }

  private moveFiles(
    ids: readonly string[],
    state: string,
    route: (row: GenerationRow) => [from: string, to: string],
    mark: { set: string; values: unknown[] },
  ): Promise<string[]> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<GenerationRow>(
        `SELECT ${TEAM_GENERATION_COLUMNS} FROM generations g WHERE g.id = ANY($1) AND ${state} ORDER BY g.seq FOR UPDATE`,
        [[...new Set(ids)]],
      );
      for (const row of rows) await move(this.options.folder, ...route(row));
      const marked = await client.query<{ id: string }>(
        `UPDATE generations SET ${mark.set} WHERE id = ANY($1) RETURNING id`,
        [rows.map((row) => row.id), ...mark.values],
      );
      return inOrder(ids, marked.rows);
    });
  }

  /**
   * Brings the file of each id up to its row (rating, favourite, tags, project), one
   * workstation at a time per file (team-write-back.ts). The app will run this in the
   * background after each edit, as the embedded library's write-back queue does.
   */
  async writeBack(ids: readonly string[], creatorTool: string): Promise<WriteBackOutcome[]> {
    const outcomes: WriteBackOutcome[] = [];
    for (const id of new Set(ids))
      outcomes.push(await writeBackTeamFile(this.pool, this.options.folder, id, creatorTool));
    return outcomes;
  }

  /** How many images are in the team trash. */
  async trashCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM generations WHERE trashed_at IS NOT NULL',
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Deletes every trashed image for good: the rows are locked (a restore elsewhere waits), the
   * files removed from the shared folder's trash, then the rows deleted, a batch per transaction.
   * Only `seedbank library empty-trash` calls this: in a team, no button in the app does.
   */
  async emptyTrash(): Promise<string[]> {
    const removed: string[] = [];
    for (;;) {
      const batch = await inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ id: string; file: string }>(
          'SELECT id, file FROM generations WHERE trashed_at IS NOT NULL ORDER BY seq LIMIT 200 FOR UPDATE SKIP LOCKED',
        );
        for (const row of rows) await rm(absolutePath(this.options.folder, trashedLocation(row.file)), { force: true });
        await client.query('DELETE FROM generations WHERE id = ANY($1)', [rows.map((row) => row.id)]);
        return rows.map((row) => row.id);
      });
      removed.push(...batch);
      if (batch.length === 0) return removed;
    }
  }

  /** Changes by any workstation, this one included, arrive through the database's notifications. */
  async onChange(listener: StoreChangeListener): Promise<() => void> {
    const { ready, unsubscribe } = this.feed.subscribe(listener);
    await ready;
    return unsubscribe;
  }

  async close(): Promise<void> {
    await this.feed.close();
    await this.pool.end();
  }

  private update(ids: readonly string[], set: string, values: unknown[]): Promise<string[]> {
    return inTransaction(this.pool, (client) => this.markDirty(client, ids, `, ${set}`, values));
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

/** The ids among `ids` that `rows` name, once each, in the order asked. */
function inOrder(ids: readonly string[], rows: readonly { id: string }[]): string[] {
  const found = new Set(rows.map((row) => row.id));
  return [...new Set(ids)].filter((id) => found.has(id));
}
