/**
 * Money that left the account, from the spend ledger: today, this month, all time, a chart per
 * day or month, and per project. Charges with no cost given and possibly charged jobs are shown
 * apart, never folded into the credits.
 */
import { useEffect, useState } from 'react';
import type { SpendTotals } from '../../../shared/types';
import { useSettingsStore } from '../../state/settings-store';
import { formatCredits } from '../../ui/format';
import { SpendChart } from './SpendChart';

/** "12 credits", plus the counts that are not in that number. */
export function SpendCell({ totals }: { totals: SpendTotals }) {
  return (
    <td>
      <span data-testid="spend-credits">{formatCredits(totals.credits)}</span> credits
      {totals.costUnknownJobs > 0 && (
        <span className="spend-aside" title="BFL gave no cost for these jobs (e.g. flux-dev)">
          {' '}
          + {totals.costUnknownJobs} {totals.costUnknownJobs === 1 ? 'job' : 'jobs'} cost unknown
        </span>
      )}
      {totals.possiblyChargedJobs > 0 && (
        <span className="spend-aside" title="Sent, but no answer came back: BFL may have charged these">
          {' '}
          + {totals.possiblyChargedJobs} possibly charged (≈ {formatCredits(totals.possiblyChargedCredits)})
        </span>
      )}
    </td>
  );
}

export function SpendSection() {
  const spend = useSettingsStore((s) => s.spend);
  const credits = useSettingsStore((s) => s.credits);
  const [span, setSpan] = useState<'days' | 'months'>('days');
  useEffect(() => {
    void useSettingsStore
      .getState()
      .refreshSpend()
      .catch(() => undefined);
  }, []);
  if (!spend) {
    return (
      <section className="settings-section" aria-labelledby="spend-head">
        <h2 id="spend-head">Spend</h2>
        <p className="hint">Loading…</p>
      </section>
    );
  }
  const bars =
    span === 'days'
      ? spend.days.map((d) => ({ key: d.day, label: d.day.slice(5), totals: d }))
      : spend.months.map((m) => ({ key: m.month, label: m.month, totals: m }));
  return (
    <section className="settings-section" aria-labelledby="spend-head">
      <h2 id="spend-head">Spend</h2>
      <p className="hint">
        Charges per accepted job, as BFL reported them. Deleting images does not change these numbers.
      </p>
      <table className="params spend-table">
        <tbody>
          <tr data-testid="spend-today">
            <th scope="row">Today</th>
            <SpendCell totals={spend.today} />
          </tr>
          <tr data-testid="spend-month">
            <th scope="row">This month</th>
            <SpendCell totals={spend.month} />
          </tr>
          <tr>
            <th scope="row">All time</th>
            <SpendCell totals={spend.allTime} />
          </tr>
          <tr>
            <th scope="row">Balance</th>
            <td>{credits === null ? 'unknown' : `${formatCredits(credits)} credits`}</td>
          </tr>
        </tbody>
      </table>
      <div className="spend-chart-head">
        <h3>Per {span === 'days' ? 'day (last 30 days)' : 'month (last 12 months)'}</h3>
        <div className="segmented" role="group" aria-label="Chart span">
          <button
            type="button"
            className={span === 'days' ? 'on' : undefined}
            aria-pressed={span === 'days'}
            onClick={() => setSpan('days')}
          >
            Days
          </button>
          <button
            type="button"
            className={span === 'months' ? 'on' : undefined}
            aria-pressed={span === 'months'}
            onClick={() => setSpan('months')}
          >
            Months
          </button>
        </div>
      </div>
      <SpendChart bars={bars} />
      <h3>Per project</h3>
      {spend.perProject.length === 0 ? (
        <p className="hint">Nothing spent yet.</p>
      ) : (
        <table className="params spend-table">
          <tbody>
            {spend.perProject.map((p) => (
              <tr key={p.projectId ?? 'unsorted'}>
                <th scope="row">{p.name}</th>
                <SpendCell totals={p} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
