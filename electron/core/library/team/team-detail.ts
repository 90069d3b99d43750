/**
 * One team image with its lineage, as the embedded detail (query/lineage.ts, query/edit-chain.ts)
 * shows it: the references it used, each linked to the team image it is; the images that used
 * it; the chain of edits it belongs to; an imported image's source.
 *
 * What links a reference to a library image: the input's generation id (kept by the team's
 * `inputs` table when a row is there, and by this workstation's own reference images — the ones
 * it made from team images through "use as reference"), failing that the image file's sha256.
 * Reference images themselves stay per workstation (jobs are), so a reference's picture comes
 * from this workstation when it has it and is an empty placeholder otherwise, as the embedded
 * detail shows an input whose row is gone.
 */
import type pg from 'pg';
import type { GenerationDetail } from '../../../../shared/api';
import type { Generation, InputImage } from '../../../../shared/types';
import type { GenerationRow } from '../db/generation-row';
import { chainSteps, MAX_STEPS } from '../query/edit-chain';
import { parseSourceDetails } from '../query/source-details';
import { TEAM_GENERATION_COLUMNS } from './team-gallery';
import { selectTeamRows, toTeamGenerations } from './team-rows';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
type AssetUrl = (relativePath: string) => string;

/** This workstation's reference images (its own files and rows, not the team's). */
export interface LocalInputs {
  /** The reference image with this hash, and the library image it was made from, when this workstation has it. */
  find(hash: string): { image: InputImage; generationId: string | null } | null;
  /** Hashes of this workstation's reference images made from the library image `generationId`. */
  madeFrom(generationId: string): string[];
}

/** The placeholder the embedded detail shows for an input whose picture is not here. */
function absentInput(hash: string): InputImage {
  return { hash, format: 'jpeg', width: 0, height: 0, bytes: 0, url: '' };
}

class TeamLineage {
  constructor(
    private readonly db: Queryable,
    private readonly local: LocalInputs | undefined,
  ) {}

  /** The team image a reference is: by generation id (team row, then this workstation's), else by sha256. */
  async sourceOf(hash: string): Promise<GenerationRow | undefined> {
    const team = await this.db.query<{ generation_id: string | null }>(
      'SELECT generation_id FROM inputs WHERE hash = $1',
      [hash],
    );
    for (const id of [team.rows[0]?.generation_id, this.local?.find(hash)?.generationId]) {
      if (!id) continue;
      const row = (await selectTeamRows(this.db, [id]))[0];
      if (row) return row;
    }
    const { rows } = await this.db.query<GenerationRow>(
      `SELECT ${TEAM_GENERATION_COLUMNS} FROM generations g WHERE g.sha256 = $1 LIMIT 1`,
      [hash],
    );
    return rows[0];
  }

  /** Every hash a reference made from `row` can have. */
  async hashesOf(row: GenerationRow): Promise<string[]> {
    const team = await this.db.query<{ hash: string }>('SELECT hash FROM inputs WHERE generation_id = $1', [row.id]);
    const hashes = new Set(team.rows.map((r) => r.hash));
    for (const hash of this.local?.madeFrom(row.id) ?? []) hashes.add(hash);
    if (row.sha256) hashes.add(row.sha256);
    return [...hashes];
  }

  async parentOf(row: GenerationRow): Promise<GenerationRow | undefined> {
    const { rows } = await this.db.query<{ hash: string }>(
      'SELECT hash FROM generation_inputs WHERE generation_id = $1 AND slot = 0',
      [row.id],
    );
    return rows[0] ? this.sourceOf(rows[0].hash) : undefined;
  }

  async childOf(row: GenerationRow): Promise<GenerationRow | undefined> {
    const { rows } = await this.db.query<GenerationRow>(
      `SELECT ${TEAM_GENERATION_COLUMNS} FROM generations g
         JOIN generation_inputs gi ON gi.generation_id = g.id AND gi.slot = 0
        WHERE gi.hash = ANY($1) ORDER BY g.created_at DESC LIMIT 1`,
      [await this.hashesOf(row)],
    );
    return rows[0];
  }

  async usedBy(row: GenerationRow): Promise<GenerationRow[]> {
    const { rows } = await this.db.query<GenerationRow>(
      `SELECT ${TEAM_GENERATION_COLUMNS} FROM generations g WHERE g.id IN (
         SELECT gi.generation_id FROM generation_inputs gi WHERE gi.hash = ANY($1))
       ORDER BY g.created_at DESC LIMIT 500`,
      [await this.hashesOf(row)],
    );
    return rows;
  }

  /** The whole chain through `row`, oldest first (the embedded editChain's walk). */
  async chain(row: GenerationRow): Promise<GenerationRow[]> {
    const seen = new Set([row.id]);
    const before: GenerationRow[] = [];
    for (let at = await this.parentOf(row); at && !seen.has(at.id) && before.length < MAX_STEPS;) {
      seen.add(at.id);
      before.unshift(at);
      at = await this.parentOf(at);
    }
    const after: GenerationRow[] = [];
    for (let at = await this.childOf(row); at && !seen.has(at.id) && after.length < MAX_STEPS;) {
      seen.add(at.id);
      after.push(at);
      at = await this.childOf(at);
    }
    return [...before, row, ...after];
  }
}

export async function teamDetail(
  db: Queryable,
  id: string,
  assetUrl: AssetUrl,
  local?: LocalInputs,
): Promise<GenerationDetail | null> {
  const row = (await selectTeamRows(db, [id]))[0];
  if (!row) return null;
  const lineage = new TeamLineage(db, local);
  const [generation] = (await toTeamGenerations(db, [row], assetUrl)) as [Generation];

  const references: GenerationDetail['references'] = [];
  for (const hash of generation.inputs) {
    const source = await lineage.sourceOf(hash);
    references.push({
      input: local?.find(hash)?.image ?? absentInput(hash),
      generation: source ? ((await toTeamGenerations(db, [source], assetUrl))[0] ?? null) : null,
    });
  }
  const chain = chainSteps(await toTeamGenerations(db, await lineage.chain(row), assetUrl));
  const source = await db.query<{ source_json: string | null }>('SELECT source_json FROM generations WHERE id = $1', [
    id,
  ]);
  const madeWith = parseSourceDetails(source.rows[0]?.source_json ?? null);
  return {
    generation,
    references,
    usedBy: await toTeamGenerations(db, await lineage.usedBy(row), assetUrl),
    chain,
    ...(madeWith ? { madeWith } : {}),
  };
}

/** Records that the reference image `input` is the team image `generationId` (the facts only, no picture). */
export async function noteTeamInput(db: Queryable, input: InputImage, generationId: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO inputs (hash, format, width, height, bytes, created_at, generation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (hash) DO UPDATE SET generation_id = coalesce(inputs.generation_id, excluded.generation_id)`,
    [input.hash, input.format, input.width, input.height, input.bytes, now.toISOString(), generationId],
  );
}
