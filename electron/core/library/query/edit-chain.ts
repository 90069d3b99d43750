/**
 * The chain of edits an image belongs to: source → edit 1 → edit 2 …. An edit's parent is the
 * library image in its first reference slot (the image it edits, by every editing model's slot
 * order); going forward, the newest image that used this one in its first slot continues the chain
 * (older ones are branches, listed under "Used by"). Each step says when it came back smaller than
 * its parent, since editing models answer at about 1 MP whatever the source was.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ChainStep } from '../../../../shared/api';
import type { Generation } from '../../../../shared/types';
import { findGenerationRow, GENERATION_COLUMNS, toGenerations, type GenerationRow } from '../db/generation-row';
import { getInputRow } from '../files/inputs';

type AssetUrl = (relativePath: string) => string;

/** Far beyond any chain a person builds by hand; stops a corrupt or cyclic index from looping. */
export const MAX_STEPS = 100;

/**
 * The library image a reference is: by the generation id in the input's own embedded record
 * (stable across write-back) or, failing that, by the library file's sha256.
 */
export function sourceOfInput(
  db: DatabaseSync,
  hash: string,
  input = getInputRow(db, hash),
): GenerationRow | undefined {
  if (input?.generation_id) {
    const byId = findGenerationRow(db, input.generation_id);
    if (byId) return byId;
  }
  return db.prepare(`SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.sha256 = ? LIMIT 1`).get(hash) as
    GenerationRow | undefined;
}

function parentOf(db: DatabaseSync, row: GenerationRow): GenerationRow | undefined {
  const first = db.prepare('SELECT hash FROM generation_inputs WHERE generation_id = ? AND slot = 0').get(row.id) as
    { hash: string } | undefined;
  return first ? sourceOfInput(db, first.hash) : undefined;
}

function childOf(db: DatabaseSync, row: GenerationRow): GenerationRow | undefined {
  return db
    .prepare(
      `SELECT ${GENERATION_COLUMNS} FROM generations g
         JOIN generation_inputs gi ON gi.generation_id = g.id AND gi.slot = 0
        WHERE gi.hash IN (SELECT hash FROM inputs WHERE generation_id = ? UNION SELECT ? WHERE ? IS NOT NULL)
        ORDER BY g.created_at DESC LIMIT 1`,
    )
    .get(row.id, row.sha256, row.sha256) as GenerationRow | undefined;
}

function pixels(g: Generation): number | null {
  return g.width && g.height ? g.width * g.height : null;
}

/** The whole chain through `row`, oldest first; a single step when the image is no edit and has none. */
export function editChain(db: DatabaseSync, row: GenerationRow, assetUrl: AssetUrl): ChainStep[] {
  const seen = new Set([row.id]);
  const before: GenerationRow[] = [];
  for (let at = parentOf(db, row); at && !seen.has(at.id) && before.length < MAX_STEPS; at = parentOf(db, at)) {
    seen.add(at.id);
    before.unshift(at);
  }
  const after: GenerationRow[] = [];
  for (let at = childOf(db, row); at && !seen.has(at.id) && after.length < MAX_STEPS; at = childOf(db, at)) {
    seen.add(at.id);
    after.push(at);
  }
  return chainSteps(toGenerations(db, [...before, row, ...after], assetUrl));
}

/** A chain's images, oldest first, as steps that say when one came back smaller than its parent (either store). */
export function chainSteps(generations: readonly Generation[]): ChainStep[] {
  return generations.map((generation, i) => {
    const parent = i > 0 ? generations[i - 1] : undefined;
    const mine = pixels(generation);
    const theirs = parent ? pixels(parent) : null;
    return { generation, shrunk: mine !== null && theirs !== null && mine < theirs };
  });
}
