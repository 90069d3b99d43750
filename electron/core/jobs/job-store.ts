/**
 * Reads and writes `jobs` rows. Status changes are compare-and-set on the status the caller last
 * saw (and, for a worker, on its own lease), so two processes or a late poll answer can never
 * move a job backwards or resurrect a cancelled one.
 */
import type { SQLInputValue } from 'node:sqlite';
import type { JobStatus } from '../../../shared/types';
import type { Database } from '../library/db/database';
import {
  BFL_SLOT_JOB_STATUSES,
  canMove,
  CLEARABLE_JOB_STATUSES,
  UNFINISHED_JOB_STATUSES,
  type MoveFrom,
} from '../../../shared/job-states';
import type { JobRow } from './job-row';
import type { LeaseHolder } from './lease';

export interface NewJob {
  id: string;
  batchId: string;
  model: string;
  prompt: string;
  params: Record<string, unknown>;
  inputs: string[];
  /** The body as validated where the request entered (no images). */
  body: Record<string, unknown>;
  projectId: string | null;
  estimatedCost: number | null;
  createdAt: string;
}

export interface ActiveRow extends LeaseHolder {
  status: JobStatus;
  model: string;
}

export interface JobListFilter {
  states?: readonly JobStatus[];
  ids?: readonly string[];
}

export type JobPatch = Partial<Omit<JobRow, 'id' | 'status' | 'created_at'>>;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export class JobStore {
  constructor(private readonly db: Database) {}

  insert(jobs: readonly NewJob[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO jobs (id, batch_id, status, model, prompt, params, inputs, body, project_id, estimated_cost, created_at, updated_at)
       VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const j of jobs) {
        stmt.run(
          j.id,
          j.batchId,
          j.model,
          j.prompt,
          JSON.stringify(j.params),
          JSON.stringify(j.inputs),
          JSON.stringify(j.body),
          j.projectId,
          j.estimatedCost,
          j.createdAt,
          j.createdAt,
        );
      }
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  get(id: string): JobRow | null {
    return (this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined) ?? null;
  }

  getMany(ids: readonly string[]): JobRow[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare(`SELECT * FROM jobs WHERE id IN (${placeholders(ids.length)})`)
      .all(...ids) as unknown as JobRow[];
  }

  /** Only the states of these jobs: what a wait needs, without reading each job's whole row. */
  statuses(ids: readonly string[]): Pick<JobRow, 'id' | 'status'>[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare(`SELECT id, status FROM jobs WHERE id IN (${placeholders(ids.length)})`)
      .all(...ids) as unknown as Pick<JobRow, 'id' | 'status'>[];
  }

  /** Newest first, optionally only in these states and/or with these ids. */
  list(limit: number, filter: JobListFilter = {}): JobRow[] {
    const where: string[] = [];
    const args: SQLInputValue[] = [];
    for (const [column, values] of [
      ['status', filter.states],
      ['id', filter.ids],
    ] as const) {
      if (values === undefined) continue;
      where.push(`${column} IN (${placeholders(values.length)})`);
      args.push(...values);
    }
    const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT ?`;
    return this.db.prepare(sql).all(...args, limit) as unknown as JobRow[];
  }

  /** Every job some runner still has work to do on (paused ones included), oldest first. */
  unfinished(): JobRow[] {
    return this.db
      .prepare(
        `SELECT * FROM jobs WHERE status IN (${placeholders(UNFINISHED_JOB_STATUSES.length)}) ORDER BY created_at, id`,
      )
      .all(...UNFINISHED_JOB_STATUSES) as unknown as JobRow[];
  }

  /**
   * Rows whose task BFL may count as active: submits in flight and tasks being polled, with their
   * lease, because only a row some live process holds counts (see `SubmitSlots`).
   */
  activeRows(): ActiveRow[] {
    return this.db
      .prepare(
        `SELECT status, model, lease_owner, lease_pid, lease_host, lease_expires_at FROM jobs
         WHERE status IN (${placeholders(BFL_SLOT_JOB_STATUSES.length)})`,
      )
      .all(...BFL_SLOT_JOB_STATUSES) as unknown as ActiveRow[];
  }

  /**
   * Moves a job from `from` to `to` with extra fields, only if it is still in `from` (and still
   * leased by `owner` when given). Returns the new row, or null when someone else moved it first.
   * A move the state table forbids does not compile when both states are literals, and throws
   * when they are not.
   */
  move<F extends JobStatus>(
    id: string,
    from: F,
    to: NoInfer<MoveFrom<F> | F>,
    patch: JobPatch,
    nowIso: string,
    owner?: string,
  ): JobRow | null {
    if (from !== to && !canMove(from, to)) throw new Error(`job ${id}: ${from} → ${to} is not a legal move`);
    const fields: JobPatch & { status: JobStatus } = { ...patch, status: to, updated_at: nowIso };
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    const sets = keys.map((k) => `${k} = ?`).join(', ');
    const values = keys.map((k) => (fields[k] ?? null) as SQLInputValue);
    const guard = owner === undefined ? '' : ' AND lease_owner = ?';
    const args: SQLInputValue[] = [...values, id, from];
    if (owner !== undefined) args.push(owner);
    const result = this.db.prepare(`UPDATE jobs SET ${sets} WHERE id = ? AND status = ?${guard}`).run(...args);
    return Number(result.changes) === 1 ? this.get(id) : null;
  }

  /** Same status, new fields (progress, poll count, next attempt). */
  patch(id: string, status: JobStatus, patch: JobPatch, nowIso: string, owner?: string): JobRow | null {
    return this.move<JobStatus>(id, status, status, patch, nowIso, owner);
  }

  /** Removes finished jobs; `unknown` stays until a person decides about it. */
  clearFinished(): number {
    const result = this.db
      .prepare(`DELETE FROM jobs WHERE status IN (${placeholders(CLEARABLE_JOB_STATUSES.length)})`)
      .run(...CLEARABLE_JOB_STATUSES);
    return Number(result.changes);
  }

  projectName(projectId: string | null): string | null {
    if (!projectId) return null;
    const row = this.db.prepare('SELECT name FROM projects WHERE id = ?').get(projectId) as
      { name: string } | undefined;
    return row?.name ?? null;
  }
}
