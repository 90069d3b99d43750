/**
 * The offline outbox (issue 17 item 5): when the team library was chosen but cannot be reached —
 * refused at start, or lost after — finished images still land in this computer's library (a
 * paid image is never refused) and their ids are kept in `team-outbox.json` in the app-data
 * folder. A drain moves them in with `push`'s idempotent copy (by generation id: an image already
 * there, row and file, is left alone), then forgets the ids that arrived — at the next start that
 * opens the team library, and (team-offline.ts) when a lost server comes back. The local copies
 * stay in this computer's library.
 *
 * Every change to the file goes through one queue: a job finishing while a drain runs adds its
 * id after the drain read the list, and the drain's rewrite must keep it. A drain cut short (the
 * server gone again mid-way) rewrites nothing, so every id stays and the next drain finds those
 * already there by id and doubles nothing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { writeFileAtomic } from '../../metadata/atomic-write';
import type { ResultStore } from '../../jobs/result-store';
import { pushImages, type PushReport } from './team-push';
import type { TeamLibraryStore } from './team-store';

export const OUTBOX_FILE = 'team-outbox.json';

const ID = /^[0-9a-z]{10,40}$/;

/** The ids waiting; a missing or unreadable file is an empty outbox (hostile content is dropped). */
export async function readOutbox(home: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(path.join(home, OUTBOX_FILE), 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string' && ID.test(id)) : [];
  } catch {
    return [];
  }
}

async function writeOutbox(home: string, ids: readonly string[]): Promise<void> {
  await writeFileAtomic(path.join(home, OUTBOX_FILE), new TextEncoder().encode(JSON.stringify(ids)));
}

export class TeamOutbox {
  private queue: Promise<unknown> = Promise.resolve();
  private draining: Promise<PushReport | null> | null = null;

  constructor(
    /** The app-data folder: the personal library and the outbox file. */
    private readonly home: string,
    /** Told after every change of the list, with how many ids wait. */
    private readonly onCount: (waiting: number) => void = () => undefined,
  ) {}

  ids(): Promise<string[]> {
    return readOutbox(this.home);
  }

  /** Runs `change` on the list after every earlier change, and writes what it returns. */
  private update(change: (ids: string[]) => string[]): Promise<void> {
    const done = this.queue.then(async () => {
      const before = await readOutbox(this.home);
      const after = change(before);
      if (after.length !== before.length || after.some((id, i) => id !== before[i]))
        await writeOutbox(this.home, after);
      this.onCount(after.length);
    });
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Settles when no drain and no write of the list is running (before the core closes). */
  async idle(): Promise<void> {
    await this.draining?.catch(() => undefined);
    await this.queue;
  }

  /** Results into this computer's library (`local`), each id noted for the team library. */
  results(local: ResultStore): ResultStore {
    return {
      has: (id) => local.has(id),
      addImage: async (args) => {
        const generation = await local.addImage(args);
        await this.update((ids) => (ids.includes(generation.id) ? ids : [...ids, generation.id]));
        return generation;
      },
    };
  }

  /**
   * Moves the waiting images into the team library; the ids that arrived (or were there) leave
   * the outbox. One drain at a time: a call while one runs gets the running one, which looks
   * again before it ends, so an id noted meanwhile moves in too.
   */
  drain(
    source: { db: DatabaseSync; home: string },
    team: TeamLibraryStore,
    folder: string,
  ): Promise<PushReport | null> {
    this.draining ??= this.drainAll(source, team, folder).finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async drainAll(
    source: { db: DatabaseSync; home: string },
    team: TeamLibraryStore,
    folder: string,
  ): Promise<PushReport | null> {
    const sum: PushReport = { total: 0, pushed: 0, alreadyThere: 0, skipped: [] };
    // An image skipped (its file gone from this computer) is not tried again in this drain.
    const tried = new Set<string>();
    for (;;) {
      const ids = (await this.ids()).filter((id) => !tried.has(id));
      if (ids.length === 0) return tried.size === 0 ? null : sum;
      for (const id of ids) tried.add(id);
      const report = await pushImages(source, team, folder, ids);
      const left = new Set(report.skipped.map((s) => s.id));
      const arrived = new Set(ids.filter((id) => !left.has(id)));
      await this.update((now) => now.filter((id) => !arrived.has(id)));
      sum.total += report.total;
      sum.pushed += report.pushed;
      sum.alreadyThere += report.alreadyThere;
      sum.skipped.push(...report.skipped);
    }
  }
}

/** Results into this computer's library, each id noted for the team library (the outbox of `home`). */
export function outboxResults(local: ResultStore, home: string): ResultStore {
  return new TeamOutbox(home).results(local);
}
