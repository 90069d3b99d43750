/**
 * Schema v4: the spend ledger — one row per job BFL accepted (or may have accepted), kept apart
 * from `generations` so that deleting images, emptying the trash or clearing finished jobs never
 * makes money that already left the account disappear from Settings → Spend.
 *
 * Rows are written by triggers on `jobs`, not by the worker: every code path that records an
 * accepted submit (the normal move to `polling`, a cancel that raced the answer, a late answer
 * for an `unknown` job) sets `task_id`, and the trigger sees all of them in one place.
 *
 * - `charged`: BFL accepted the job (it has a task id). `credits` is the cost its submit answer
 *   gave, or null when BFL gave none (flux-dev): "cost unknown", never guessed as 0.
 * - `possible`: the submit's outcome is unknown (sent, no answer): possibly charged. `credits` is
 *   the estimate. A later accepted answer turns the row into `charged`.
 * Refunds are never assumed: a row is never removed or lowered.
 *
 * Also `jobs.error_field`: the request field a job's error names (a 422's `loc`), kept so the
 * composer can mark that control when the refusal comes back after the job was queued.
 */
import type { Migration } from './migrations';

export const v4: Migration = {
  version: 4,
  description: 'spend ledger: charges per accepted job, independent of images; the field a job error names',
  up(db) {
    db.exec(`
      CREATE TABLE spend_ledger (
        -- The job charged; for images whose job row was already gone at migration, 'generation:<id>'.
        job_id TEXT PRIMARY KEY,
        task_id TEXT,
        -- No foreign key: deleting a project must not delete what its images cost.
        project_id TEXT,
        model TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('charged', 'possible')),
        credits REAL,
        charged_at TEXT NOT NULL
      );
      CREATE INDEX spend_ledger_by_time ON spend_ledger(charged_at);

      -- The request field an error names (the loc of BFL's 422), so the composer can mark that control.
      ALTER TABLE jobs ADD COLUMN error_field TEXT;

      CREATE TRIGGER spend_ledger_on_accept AFTER UPDATE OF task_id, cost ON jobs
      WHEN new.task_id IS NOT NULL BEGIN
        INSERT INTO spend_ledger (job_id, task_id, project_id, model, outcome, credits, charged_at)
        VALUES (new.id, new.task_id, new.project_id, new.model, 'charged', new.cost,
                coalesce(new.submitted_at, new.updated_at))
        ON CONFLICT(job_id) DO UPDATE SET outcome = 'charged', task_id = excluded.task_id,
          credits = coalesce(excluded.credits, CASE WHEN spend_ledger.outcome = 'charged' THEN spend_ledger.credits END);
      END;

      CREATE TRIGGER spend_ledger_on_unknown AFTER UPDATE OF status ON jobs
      WHEN new.status = 'unknown' AND new.task_id IS NULL BEGIN
        INSERT INTO spend_ledger (job_id, task_id, project_id, model, outcome, credits, charged_at)
        VALUES (new.id, NULL, new.project_id, new.model, 'possible', new.estimated_cost,
                coalesce(new.submitted_at, new.updated_at))
        ON CONFLICT(job_id) DO NOTHING;
      END;

      -- Backfill once from what the database knows today.
      INSERT INTO spend_ledger (job_id, task_id, project_id, model, outcome, credits, charged_at)
        SELECT id, task_id, project_id, model, 'charged', cost, coalesce(submitted_at, updated_at, created_at)
        FROM jobs WHERE task_id IS NOT NULL;
      INSERT INTO spend_ledger (job_id, task_id, project_id, model, outcome, credits, charged_at)
        SELECT id, NULL, project_id, model, 'possible', estimated_cost, coalesce(submitted_at, updated_at, created_at)
        FROM jobs WHERE task_id IS NULL AND status = 'unknown';
      -- Images whose job row was cleared: what they cost is all that is left of the charge.
      INSERT INTO spend_ledger (job_id, task_id, project_id, model, outcome, credits, charged_at)
        SELECT coalesce(g.job_id, 'generation:' || g.id), g.task_id, g.project_id, g.model, 'charged', g.cost,
               coalesce(g.submitted_at, g.created_at)
        FROM generations g
        WHERE g.cost IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM spend_ledger l WHERE l.job_id = coalesce(g.job_id, 'generation:' || g.id))
        GROUP BY coalesce(g.job_id, 'generation:' || g.id);
    `);
  },
};
