/**
 * A team library's images as the page sees them: the shared folder served read-only under
 * `team/<library id>/` (the served-files rule), and each tile's thumbnail made on this workstation
 * the first time it is asked for, into this computer's cache (`teamThumbnailCache`), as
 * `Library.thumbnailOnDemand` does for the embedded library and with the same thumbnail maker.
 * The team schema keeps no thumbnail bookkeeping: a thumbnail is there or it is made.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Generation } from '../../../../shared/types';
import { isSeedbankId } from '../../ids';
import type { Logger } from '../../logging/logger';
import { teamThumbnailCache } from '../../paths';
import {
  libraryServedFolders,
  resolveServedRelativePath,
  teamServedPath,
  type TeamServedRoot,
} from '../../served-files/served-files';
import { makeThumbnail } from '../files/thumbnails';

export interface TeamThumbnailDeps {
  /** The team store's lookup by id (trashed or not). */
  getGeneration: (id: string) => Promise<Generation | null>;
  libraryId: string;
  /** The shared folder. */
  folder: string;
  /** This computer's app-data folder (the cache lives under it). */
  home: string;
  logger: Pick<Logger, 'warn'>;
}

/** A tile's thumbnail request: `team/<library id>/thumbs/<id>.webp`, or under `trash/` for the Trash view. */
const TEAM_THUMB = /^team\/([^/]+)\/(trash\/)?thumbs\/([^/]+)\.webp$/;

export class TeamThumbnails {
  readonly root: TeamServedRoot;
  private readonly making = new Map<string, Promise<void>>();

  constructor(private readonly deps: TeamThumbnailDeps) {
    this.root = {
      libraryId: deps.libraryId,
      folder: deps.folder,
      thumbs: teamThumbnailCache(deps.home, deps.libraryId),
    };
  }

  /**
   * Called by both front doors before they resolve a path (raw, still percent-encoded): a team
   * thumbnail not in the cache yet is made now from the shared file, so a tile never gets a 404
   * for an image the team library has. A cached one is served at once, without asking the
   * database. A thumbnail is made only for the URL the row's state gives (`thumbs/` for a live
   * image, `trash/thumbs/` for a trashed one), as the embedded library makes them. Concurrent
   * asks for one thumbnail share one making; a failure is logged and the request answers 404.
   */
  prepare(rawPath: string): Promise<void> {
    const match = TEAM_THUMB.exec(rawPath);
    const id = match?.[3];
    if (!match || match[1] !== this.root.libraryId || id === undefined || !isSeedbankId(id)) return Promise.resolve();
    const key = `${match[2] ?? ''}${id}`;
    let making = this.making.get(key);
    if (!making) {
      making = this.makeIfMissing(id, match[2] !== undefined)
        .catch((err: unknown) => this.deps.logger.warn('team thumbnail failed', { id, error: String(err) }))
        .finally(() => this.making.delete(key));
      this.making.set(key, making);
    }
    return making;
  }

  private async makeIfMissing(id: string, trashed: boolean): Promise<void> {
    const target = path.join(this.root.thumbs, `${id}.webp`);
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      return;
    const generation = await this.deps.getGeneration(id);
    if (!generation || generation.missing || generation.trashed !== trashed) return;
    // The row comes from a database the whole studio writes and the file from a share anyone
    // can put links in: the source goes through the same rule as a page's request.
    const source = await resolveServedRelativePath(
      libraryServedFolders(this.deps.home, [], this.root),
      teamServedPath(this.root.libraryId, generation.file),
    );
    if (source.status !== 200) return;
    await makeThumbnail(source.file, target);
  }
}
