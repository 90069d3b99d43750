/**
 * Projects: named groups of images. Names are unique case-insensitively (including non-ASCII
 * letters, which SQLite's NOCASE does not fold), and renaming one moves no file — only the
 * embedded records are rewritten, in the background, by the caller.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Project } from '../../../../shared/types';
import { SeedbankError } from '../../../../shared/errors';
import { newId } from '../../ids';

interface ProjectRow {
  id: string;
  name: string;
  created_at: string;
}

/**
 * What two project names are compared by: trimmed, inner spaces collapsed, NFC, letter case
 * folded in any script. Every front door that matches a name a person typed uses this.
 */
export function projectNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').normalize('NFC').toLocaleLowerCase('und');
}

export function cleanProjectName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0) throw new SeedbankError('INVALID_INPUT', 'A project needs a name', 'name');
  if (trimmed.length > 200)
    throw new SeedbankError('INVALID_INPUT', 'A project name can be 200 characters at most', 'name');
  return trimmed;
}

export function findProjectByName(db: DatabaseSync, name: string): ProjectRow | undefined {
  const wanted = projectNameKey(name);
  const rows = db.prepare('SELECT id, name, created_at FROM projects').all() as unknown as ProjectRow[];
  return rows.find((row) => projectNameKey(row.name) === wanted);
}

export function projectName(db: DatabaseSync, id: string | null): string | null {
  if (id === null) return null;
  const row = db.prepare('SELECT name FROM projects WHERE id = ?').get(id) as { name: string } | undefined;
  return row?.name ?? null;
}

function countIn(db: DatabaseSync, id: string): number {
  const row = db
    .prepare('SELECT count(*) AS n FROM generations WHERE project_id = ? AND trashed_at IS NULL')
    .get(id) as { n: number };
  return row.n;
}

export function getProject(db: DatabaseSync, id: string): Project | null {
  const row = db.prepare('SELECT id, name, created_at FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
  return row ? { id: row.id, name: row.name, createdAt: row.created_at, count: countIn(db, row.id) } : null;
}

export function requireProject(db: DatabaseSync, id: string): Project {
  const project = getProject(db, id);
  if (!project) throw new SeedbankError('NOT_FOUND', 'That project no longer exists', 'projectId');
  return project;
}

/** Creates a project; a name already taken (in any letter case) is a clear INVALID_INPUT. */
export function createProject(db: DatabaseSync, rawName: string, now: Date): Project {
  const name = cleanProjectName(rawName);
  const existing = findProjectByName(db, name);
  if (existing) throw new SeedbankError('INVALID_INPUT', `A project named "${existing.name}" already exists`, 'name');
  const id = newId(now.getTime());
  const createdAt = now.toISOString();
  db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)').run(id, name, createdAt);
  return { id, name, createdAt, count: 0 };
}

/** The project with this name (any letter case), created when there is none. */
export function ensureProjectRow(db: DatabaseSync, rawName: string, now: Date): Project {
  const name = cleanProjectName(rawName);
  const existing = findProjectByName(db, name);
  if (existing)
    return { id: existing.id, name: existing.name, createdAt: existing.created_at, count: countIn(db, existing.id) };
  return createProject(db, name, now);
}

/** Just the id of the project with this name, created when there is none (no counting: hot path). */
export function ensureProjectId(db: DatabaseSync, rawName: string, now: Date): string {
  return findProjectByName(db, cleanProjectName(rawName))?.id ?? createProject(db, rawName, now).id;
}

export function renameProject(db: DatabaseSync, id: string, rawName: string): Project {
  const name = cleanProjectName(rawName);
  requireProject(db, id);
  const clash = findProjectByName(db, name);
  if (clash && clash.id !== id)
    throw new SeedbankError('INVALID_INPUT', `A project named "${clash.name}" already exists`, 'name');
  db.prepare('UPDATE projects SET name = ? WHERE id = ?').run(name, id);
  return requireProject(db, id);
}

export interface ProjectList {
  projects: Project[];
  unsortedCount: number;
  trashCount: number;
}

export function listProjects(db: DatabaseSync): ProjectList {
  const rows = db
    .prepare('SELECT id, name, created_at FROM projects ORDER BY name COLLATE NOCASE')
    .all() as unknown as ProjectRow[];
  const counts = new Map<string | null, number>();
  const countRows = db
    .prepare('SELECT project_id, count(*) AS n FROM generations WHERE trashed_at IS NULL GROUP BY project_id')
    .all() as { project_id: string | null; n: number }[];
  for (const row of countRows) counts.set(row.project_id, row.n);
  const trash = db.prepare('SELECT count(*) AS n FROM generations WHERE trashed_at IS NOT NULL').get() as { n: number };
  return {
    projects: rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      count: counts.get(row.id) ?? 0,
    })),
    unsortedCount: counts.get(null) ?? 0,
    trashCount: trash.n,
  };
}
