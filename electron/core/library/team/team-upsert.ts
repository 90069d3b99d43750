/**
 * Indexing a generation on the team database: the same values as the embedded upsert
 * (db/upsert-generation.ts — its time, rating, tag and source rules are called, not copied),
 * written with PostgreSQL's upsert. The seq is taken under an advisory lock on its millisecond,
 * so two workstations adding images made in the same millisecond never pick the same seq.
 */
import type pg from 'pg';
import {
  generationUpsertSql,
  cleanTags,
  normalizeTime,
  rowValues,
  SEQ_SLOTS,
  sourceValues,
  type SaveGeneration,
} from '../db/upsert-generation';

/** Advisory lock class for seq allocation (the two-key form: class, millisecond bucket). */
const SEQ_LOCK_CLASS = 1;

/** Who made an image and where (a team has more than one person and workstation). */
export interface Maker {
  host: string;
  person: string;
}

async function seqFor(client: pg.PoolClient, id: string, createdAt: string): Promise<number> {
  const existing = await client.query<{ seq: number; created_at: string }>(
    'SELECT seq, created_at FROM generations WHERE id = $1',
    [id],
  );
  const row = existing.rows[0];
  if (row && row.created_at === createdAt) return row.seq;
  const base = Date.parse(createdAt) * SEQ_SLOTS;
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [SEQ_LOCK_CLASS, Math.floor(base / SEQ_SLOTS) % 2 ** 31]);
  const taken = await client.query<{ top: number | null }>(
    'SELECT max(seq) AS top FROM generations WHERE seq >= $1 AND seq < $2',
    [base, base + SEQ_SLOTS],
  );
  const top = taken.rows[0]?.top ?? null;
  return top === null ? base : top + 1;
}

/** The team's upsert: who made the image and where are kept from its first hand-in. */
const TEAM_UPSERT_SQL = generationUpsertSql(
  (position) => `$${position}`,
  [
    { column: 'made_on_host', onConflict: 'coalesce(generations.made_on_host, excluded.made_on_host)' },
    { column: 'made_by', onConflict: 'coalesce(generations.made_by, excluded.made_by)' },
  ],
);

/** Inserts or replaces the row for `record.id` with its inputs and tags. Run inside a transaction. */
export async function saveTeamGeneration(client: pg.PoolClient, args: SaveGeneration, maker: Maker): Promise<void> {
  const { record, file } = args;
  const createdAt = normalizeTime(record.createdAt) ?? new Date(file.mtimeMs).toISOString();
  const seq = await seqFor(client, record.id, createdAt);
  await client.query(TEAM_UPSERT_SQL, [
    ...rowValues(args, createdAt),
    seq,
    ...sourceValues(record.source),
    maker.host,
    maker.person,
  ]);
  await replaceInputs(client, record.id, record.inputs ?? []);
  await replaceTeamTags(client, record.id, record.tags ?? []);
}

async function replaceInputs(client: pg.PoolClient, id: string, inputs: readonly string[]): Promise<void> {
  const current = await client.query<{ hash: string }>(
    'SELECT hash FROM generation_inputs WHERE generation_id = $1 ORDER BY slot',
    [id],
  );
  if (current.rows.length === inputs.length && current.rows.every((row, i) => row.hash === inputs[i])) return;
  await client.query('DELETE FROM generation_inputs WHERE generation_id = $1', [id]);
  for (const [slot, hash] of inputs.entries())
    await client.query('INSERT INTO generation_inputs (generation_id, slot, hash) VALUES ($1, $2, $3)', [
      id,
      slot,
      hash,
    ]);
}

/** Sets a generation's tags to exactly `tags`, touching only what changed (as replaceTags does). */
async function replaceTeamTags(client: pg.PoolClient, id: string, tags: readonly string[]): Promise<void> {
  const wanted = cleanTags(tags);
  const current = (
    await client.query<{ tag: string }>('SELECT tag FROM generation_tags WHERE generation_id = $1', [id])
  ).rows.map((row) => row.tag);
  const wantedLower = new Set(wanted.map((tag) => tag.toLowerCase()));
  const currentLower = new Set(current.map((tag) => tag.toLowerCase()));
  const remove = current.filter((tag) => !wantedLower.has(tag.toLowerCase()));
  const add = wanted.filter((tag) => !currentLower.has(tag.toLowerCase()));
  await changeTeamTags(client, [id], add, remove);
}

/** Adds and removes tags (case-insensitively, like SQLite's NOCASE) on existing rows. */
export async function changeTeamTags(
  client: pg.PoolClient,
  ids: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): Promise<void> {
  if (remove.length > 0)
    await client.query(
      'DELETE FROM generation_tags WHERE generation_id = ANY($1) AND lower(tag) = ANY(SELECT lower(t) FROM unnest($2::text[]) t)',
      [ids, remove],
    );
  if (add.length > 0)
    await client.query(
      `INSERT INTO generation_tags (generation_id, tag, seq)
       SELECT g.id, t.tag, g.seq FROM generations g CROSS JOIN unnest($2::text[]) AS t(tag) WHERE g.id = ANY($1)
       ON CONFLICT DO NOTHING`,
      [ids, add],
    );
}
