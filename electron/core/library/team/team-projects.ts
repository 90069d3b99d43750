/**
 * Projects and tag suggestions on the team database, with the embedded library's rules called,
 * not copied: names cleaned by `cleanProjectName` and compared by `projectNameKey` (any script's
 * letter case, so two workstations cannot make "Été" and "ÉTÉ"), the same messages, the same
 * answers. Each project change that a file's record must follow returns the ids to write back.
 */
import type pg from 'pg';
import type { Project } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import type { TagCount } from '../edits/edits';
import { cleanProjectName, projectNameKey, type ProjectList } from '../edits/projects';
import { newId } from '../../ids';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

interface ProjectRow {
  id: string;
  name: string;
  created_at: string;
}

async function countIn(db: Queryable, id: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::integer AS n FROM generations WHERE project_id = $1 AND trashed_at IS NULL',
    [id],
  );
  return rows[0]?.n ?? 0;
}

export async function getTeamProject(db: Queryable, id: string): Promise<Project | null> {
  const { rows } = await db.query<ProjectRow>('SELECT id, name, created_at FROM projects WHERE id = $1', [id]);
  const row = rows[0];
  return row ? { id: row.id, name: row.name, createdAt: row.created_at, count: await countIn(db, row.id) } : null;
}

/** The project, or NOT_FOUND naming `field` (as the embedded `requireProject`). */
export async function requireTeamProject(db: Queryable, id: string, field = 'projectId'): Promise<Project> {
  const project = await getTeamProject(db, id);
  if (!project) throw new SeedbankError('NOT_FOUND', 'That project no longer exists', field);
  return project;
}

/** A project other than `except` whose name means the same as `name`. */
async function clashing(db: Queryable, name: string, except: string | null): Promise<ProjectRow | undefined> {
  const wanted = projectNameKey(name);
  const { rows } = await db.query<ProjectRow>('SELECT id, name, created_at FROM projects');
  return rows.find((row) => row.id !== except && projectNameKey(row.name) === wanted);
}

function taken(name: string): SeedbankError {
  return new SeedbankError('INVALID_INPUT', `A project named "${name}" already exists`, 'name');
}

/** PostgreSQL's unique-index refusal (another workstation took the name a moment before). */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** The id of the project with this name (any letter case), made when there is none. */
export async function ensureTeamProject(db: Queryable, rawName: string, now: Date): Promise<string> {
  const name = cleanProjectName(rawName);
  const existing = await clashing(db, name, null);
  if (existing) return existing.id;
  // Another workstation may make it at the same moment: its row then stands.
  const { rows } = await db.query<{ id: string }>(
    `WITH made AS (
       INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id)
     SELECT id FROM made UNION ALL SELECT id FROM projects WHERE lower(name) = lower($2) LIMIT 1`,
    [newId(now.getTime()), name, now.toISOString()],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new SeedbankError('INTERNAL', `The project ${name} could not be made`);
  return id;
}

export async function createTeamProject(db: Queryable, rawName: string, now: Date): Promise<Project> {
  const name = cleanProjectName(rawName);
  const existing = await clashing(db, name, null);
  if (existing) throw taken(existing.name);
  const id = newId(now.getTime());
  const createdAt = now.toISOString();
  try {
    await db.query('INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3)', [id, name, createdAt]);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(name);
    throw err;
  }
  return { id, name, createdAt, count: 0 };
}

/** Renames; answers the project and whether the name changed (its images' records then follow). */
export async function renameTeamProject(
  db: Queryable,
  id: string,
  rawName: string,
): Promise<{ project: Project; renamed: boolean }> {
  const name = cleanProjectName(rawName);
  const before = await requireTeamProject(db, id);
  const clash = await clashing(db, name, id);
  if (clash) throw taken(clash.name);
  try {
    await db.query('UPDATE projects SET name = $1 WHERE id = $2', [name, id]);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(name);
    throw err;
  }
  return { project: await requireTeamProject(db, id), renamed: before.name !== name };
}

export async function listTeamProjects(db: Queryable): Promise<ProjectList> {
  // lower(name), name: SQLite's `COLLATE NOCASE` order of the embedded list.
  const projects = await db.query<ProjectRow>('SELECT id, name, created_at FROM projects ORDER BY lower(name), name');
  const counts = await db.query<{ project_id: string | null; n: number }>(
    'SELECT project_id, count(*)::integer AS n FROM generations WHERE trashed_at IS NULL GROUP BY project_id',
  );
  const byProject = new Map(counts.rows.map((row) => [row.project_id, row.n]));
  const trash = await db.query<{ n: number }>(
    'SELECT count(*)::integer AS n FROM generations WHERE trashed_at IS NOT NULL',
  );
  return {
    projects: projects.rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      count: byProject.get(row.id) ?? 0,
    })),
    unsortedCount: byProject.get(null) ?? 0,
    trashCount: trash.rows[0]?.n ?? 0,
  };
}

/** Ids of every image in a project, trashed ones too. */
export async function idsInProject(db: Queryable, id: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM generations WHERE project_id = $1 ORDER BY seq', [
    id,
  ]);
  return rows.map((row) => row.id);
}

/** Marks every image of a project for write-back (its name in their records changed); answers their ids. */
export async function markTeamProjectDirty(db: Queryable, id: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE generations SET record_dirty = record_dirty + 1 WHERE project_id = $1 RETURNING id',
    [id],
  );
  return rows.map((row) => row.id);
}

export async function deleteTeamProjectRow(db: Queryable, id: string): Promise<void> {
  const deleted = await db.query('DELETE FROM projects WHERE id = $1', [id]);
  if (deleted.rowCount === 0) throw new SeedbankError('NOT_FOUND', 'That project no longer exists', 'id');
}

/**
 * Tags with how many images outside the trash carry each, most used first; tags that differ only
 * in letter case are one (the embedded library's NOCASE column), shown as one of their spellings.
 */
export async function teamTagCounts(db: Queryable): Promise<TagCount[]> {
  const { rows } = await db.query<TagCount>(
    `SELECT min(t.tag) AS tag, count(*)::integer AS count
       FROM generation_tags t JOIN generations g ON g.id = t.generation_id
      WHERE g.trashed_at IS NULL GROUP BY lower(t.tag) ORDER BY count DESC, lower(min(t.tag))`,
  );
  return rows;
}
