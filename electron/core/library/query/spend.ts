/**
 * What was spent, from the spend ledger (schema v4): charges per accepted job, untouched by
 * deleting images. Today, this month and the chart buckets are in the person's local time (that
 * is what "today" means to them); buckets are made here rather than in SQL because local days
 * are not a fixed offset from UTC across daylight-saving changes.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SpendSummary, SpendTotals } from '../../../../shared/types';

interface LedgerRow {
  project_id: string | null;
  outcome: 'charged' | 'possible';
  credits: number | null;
  charged_at: string;
}

const DAYS = 30;
const MONTHS = 12;

function emptyTotals(): SpendTotals {
  return { credits: 0, costUnknownJobs: 0, possiblyChargedJobs: 0, possiblyChargedCredits: 0 };
}

function add(totals: SpendTotals, row: LedgerRow): void {
  if (row.outcome === 'possible') {
    totals.possiblyChargedJobs += 1;
    totals.possiblyChargedCredits += row.credits ?? 0;
  } else if (row.credits === null) {
    totals.costUnknownJobs += 1;
  } else {
    totals.credits += row.credits;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;

export function spendSummary(db: DatabaseSync, now: Date): SpendSummary {
  const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
  const firstDay = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (DAYS - 1));
  const firstMonth = new Date(now.getFullYear(), now.getMonth() - (MONTHS - 1), 1);
  const since = firstDay < firstMonth ? firstDay : firstMonth;

  const days = new Map<string, SpendTotals & { day: string }>();
  for (let i = 0; i < DAYS; i++) {
    const d = new Date(firstDay.getFullYear(), firstDay.getMonth(), firstDay.getDate() + i);
    days.set(dayKey(d), { day: dayKey(d), ...emptyTotals() });
  }
  const months = new Map<string, SpendTotals & { month: string }>();
  for (let i = 0; i < MONTHS; i++) {
    const d = new Date(firstMonth.getFullYear(), firstMonth.getMonth() + i, 1);
    months.set(monthKey(d), { month: monthKey(d), ...emptyTotals() });
  }
  const today = emptyTotals();
  const month = emptyTotals();
  const recent = db
    .prepare('SELECT project_id, outcome, credits, charged_at FROM spend_ledger WHERE charged_at >= ?')
    .all(since.toISOString()) as unknown as LedgerRow[];
  for (const row of recent) {
    const at = new Date(row.charged_at);
    const dayBucket = days.get(dayKey(at));
    if (dayBucket) add(dayBucket, row);
    const monthBucket = months.get(monthKey(at));
    if (monthBucket) add(monthBucket, row);
    if (at >= dayStart) add(today, row);
    if (at >= monthStart) add(month, row);
  }

  const allTime = emptyTotals();
  const projects = new Map<string | null, SpendTotals & { projectId: string | null; name: string }>();
  const all = db
    .prepare(
      `SELECT l.project_id, l.outcome, l.credits, l.charged_at,
              coalesce(p.name, CASE WHEN l.project_id IS NULL THEN 'Unsorted' ELSE 'Deleted project' END) AS name
       FROM spend_ledger l LEFT JOIN projects p ON p.id = l.project_id`,
    )
    .all() as unknown as (LedgerRow & { name: string })[];
  for (const row of all) {
    add(allTime, row);
    let project = projects.get(row.project_id);
    if (!project) {
      project = { projectId: row.project_id, name: row.name, ...emptyTotals() };
      projects.set(row.project_id, project);
    }
    add(project, row);
  }
  const perProject = [...projects.values()].sort(
    (a, b) =>
      b.credits - a.credits || b.possiblyChargedCredits - a.possiblyChargedCredits || a.name.localeCompare(b.name),
  );
  return { today, month, allTime, days: [...days.values()], months: [...months.values()], perProject };
}
