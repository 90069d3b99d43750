/**
 * One image with where it came from and where it went: the reference images it used (each
 * linked to the library image it is, when it is one), the images that used it, and the chain of
 * edits it belongs to (`edit-chain.ts`).
 * An input is linked to a library image by `sourceOfInput`.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { GenerationDetail } from '../../../../shared/api';
import type { Generation } from '../../../../shared/types';
import { findGenerationRow, GENERATION_COLUMNS, toGenerations, type GenerationRow } from '../db/generation-row';
import { editChain, sourceOfInput } from './edit-chain';
import { getInputRow, toInputImage } from '../files/inputs';
import { sourceDetails } from './source-details';

type AssetUrl = (relativePath: string) => string;

export function getGenerationDetail(db: DatabaseSync, id: string, assetUrl: AssetUrl): GenerationDetail | null {
  const row = findGenerationRow(db, id);
  if (!row) return null;
  const [generation] = toGenerations(db, [row], assetUrl) as [Generation];

  const references = generation.inputs.map((hash) => {
    const input = getInputRow(db, hash);
    const source = sourceOfInput(db, hash, input);
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
    chain: editChain(db, row, assetUrl),
    ...(madeWith ? { madeWith } : {}),
  };
}
