/**
 * The offline outbox (issue 17 item 5): when the team library was chosen but could not be opened
 * at start (server away), finished images still land in this computer's library — a paid image is
 * never refused — and their ids are kept in `team-outbox.json` in the app-data folder. The next
 * start that opens the team library moves them in with `push`'s idempotent copy (by generation
 * id: an image already there is left alone), then forgets the ids that arrived. The local copies
 * stay in this computer's library.
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

/** Results into this computer's library, each id noted for the team library. */
export function outboxResults(local: ResultStore, home: string): ResultStore {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    has: (id) => local.has(id),
    async addImage(args) {
      const generation = await local.addImage(args);
      // One write after the other, so two jobs finishing together both stay in the file.
      const noted = chain.then(async () => {
        const ids = await readOutbox(home);
        if (!ids.includes(generation.id)) await writeOutbox(home, [...ids, generation.id]);
      });
      chain = noted.catch(() => undefined);
      await noted;
      return generation;
    },
  };
}

/** Moves the waiting images into the team library; the ids that arrived (or were there) leave the outbox. */
export async function drainOutbox(
  source: { db: DatabaseSync; home: string },
  team: TeamLibraryStore,
  folder: string,
): Promise<PushReport | null> {
  const ids = await readOutbox(source.home);
  if (ids.length === 0) return null;
  const report = await pushImages(source, team, folder, ids);
  const left = new Set(report.skipped.map((s) => s.id));
  await writeOutbox(
    source.home,
    ids.filter((id) => left.has(id)),
  );
  return report;
}
