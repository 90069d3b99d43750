/**
 * A lease on a job row, so the app and the CLI (or two CLIs) never poll or download the same job
 * at once — which would mean two downloads and two library entries for one paid image.
 *
 * A lease names its owner, pid and host and expires unless renewed. A lease whose owner process
 * is gone (same host, pid no longer alive) is taken over at once instead of waiting for expiry,
 * so `seedbank resume` right after a crash does not sit idle for the lease period.
 */
import os from 'node:os';
import type { Database } from '../library/db/database';
import { transaction } from '../library/db/database';

export const LEASE_MS = 30_000;
export const RENEW_EVERY_MS = 10_000;

export interface LeaseHolder {
  lease_owner: string | null;
  lease_pid: number | null;
  lease_host: string | null;
  lease_expires_at: number | null;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LeaseManager {
  private readonly host = os.hostname();
  private readonly pid = process.pid;

  constructor(
    private readonly db: Database,
    readonly owner: string,
    private readonly nowMs: () => number,
  ) {}

  /** Whether the row's current lease stops us from taking it. */
  heldByOther(row: LeaseHolder): boolean {
    if (!row.lease_owner || row.lease_owner === this.owner) return false;
    if ((row.lease_expires_at ?? 0) <= this.nowMs()) return false;
    if (row.lease_host === this.host && row.lease_pid !== null && !processAlive(row.lease_pid)) return false;
    return true;
  }

  /**
   * Whether a live process (this one or another) holds the row: a row left by a killed run is held
   * by nobody, however recent its lease or its submit.
   */
  heldByLiveProcess(row: LeaseHolder): boolean {
    if (!row.lease_owner) return false;
    return row.lease_owner === this.owner || this.heldByOther(row);
  }

  /** Takes the lease if it is free, expired, ours, or its owner is dead. */
  acquire(id: string): boolean {
    return transaction(this.db, () => {
      const row = this.db
        .prepare('SELECT lease_owner, lease_pid, lease_host, lease_expires_at FROM jobs WHERE id = ?')
        .get(id) as LeaseHolder | undefined;
      if (!row || this.heldByOther(row)) return false;
      this.db
        .prepare('UPDATE jobs SET lease_owner = ?, lease_pid = ?, lease_host = ?, lease_expires_at = ? WHERE id = ?')
        .run(this.owner, this.pid, this.host, this.nowMs() + LEASE_MS, id);
      return true;
    });
  }

  /** Extends every lease we still hold among `ids`; returns the ids we lost. */
  renew(ids: readonly string[]): string[] {
    if (ids.length === 0) return [];
    const lost: string[] = [];
    const stmt = this.db.prepare('UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ?');
    transaction(this.db, () => {
      const until = this.nowMs() + LEASE_MS;
      for (const id of ids) if (Number(stmt.run(until, id, this.owner).changes) === 0) lost.push(id);
    });
    return lost;
  }

  release(id: string): void {
    this.db
      .prepare(
        'UPDATE jobs SET lease_owner = NULL, lease_pid = NULL, lease_host = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?',
      )
      .run(id, this.owner);
  }
}
