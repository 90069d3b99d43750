/**
 * One image with where it came from and where it went: the reference images it used (each
 * linked to the library image it is, when it is one) and the images that used it.
 *
 * An input is linked to a library image by the generation id in the input's own embedded record
 * (stable across write-back) or, failing that, by the library file's sha256.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { GenerationDetail } from '../../../shared/api';
import type { Generation } from '../../../shared/types';
import { findGenerationRow, GENERATION_COLUMNS, toGenerations, type GenerationRow } from './generation-row';
import { sourceDetails } from './source-details';
import { getInputRow, toInputImage, type InputRow } from './inputs';

type AssetUrl = (relativePath: string) => string;

function sourceOf(db: DatabaseSync, hash: string, input: InputRow | undefined): GenerationRow | undefined {
  if (input?.generation_id) {
    const byId = findGenerationRow(db, input.generation_id);
    if (byId) return byId;
  }
  return db.prepare(`SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.sha256 = ? LIMIT 1`).get(hash) as
    GenerationRow | undefined;
}

export function getGenerationDetail(db: DatabaseSync, id: string, assetUrl: AssetUrl): GenerationDetail | null {
  const row = findGenerationRow(db, id);
  if (!row) return null;
  const [generation] = toGenerations(db, [row], assetUrl) as [Generation];

  const references = generation.inputs.map((hash) => {
    const input = getInputRow(db, hash);
    const source = sourceOf(db, hash, input);
    const inputImage = input
      ? toInputImage(input, assetUrl)
      : // The input's row is gone (e.g. a library moved without its inputs folder): say so plainly.
        { hash, format: 'jpeg' as const, width: 0, height: 0, bytes: 0, url: '' };
    return { input: inputImage, generation: source ? (toGenerations(db, [source], assetUrl)[0] ?? null) : null };
  });

  const usedByRows = db
    .prepare(
      `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.id IN (
         SELECT gi.generation_id FROM generation_inputs gi WHERE gi.hash IN (
           SELECT hash FROM inputs WHERE generation_id = ?
           UNION SELECT ? WHERE ? IS NOT NULL))
       ORDER BY g.created_at DESC LIMIT 500`,
    )
    .all(row.id, row.sha256, row.sha256) as unknown as GenerationRow[];
  const madeWith = sourceDetails(db, row.id);
  return {
    generation,
    references,
    usedBy: toGenerations(db, usedByRows, assetUrl),
    ...(madeWith ? { madeWith } : {}),
  };
}
