/**
 * What was spent, from the credits each generation cost: today and this month in the person's
 * local time (that is what "today" means to them), and per project.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SpendSummary } from '../../../../shared/types';

export function spendSummary(db: DatabaseSync, now: Date): SpendSummary {
  const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1).toISOString();
  const sum = (from: string) =>
    (
      db.prepare('SELECT coalesce(sum(cost), 0) AS credits FROM generations WHERE created_at >= ?').get(from) as {
        credits: number;
      }
    ).credits;
  const perProject = db
    .prepare(
      `SELECT g.project_id AS projectId, coalesce(p.name, 'Unsorted') AS name, sum(g.cost) AS credits
       FROM generations g LEFT JOIN projects p ON p.id = g.project_id
       WHERE g.cost IS NOT NULL GROUP BY g.project_id ORDER BY credits DESC`,
    )
    .all() as unknown as SpendSummary['perProject'];
  return { today: sum(dayStart), month: sum(monthStart), perProject };
}
