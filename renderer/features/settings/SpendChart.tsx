/**
 * A small bar chart of credits per bucket. Possibly charged credits are stacked in a hatched
 * colour above the charged ones so they are visible without being counted as spent.
 */
import type { SpendTotals } from '../../../shared/types';
import { formatCredits } from '../../ui/format';

export interface SpendBar {
  key: string;
  label: string;
  totals: SpendTotals;
}

function describe(bar: SpendBar): string {
  const parts = [`${bar.key}: ${formatCredits(bar.totals.credits)} credits`];
  if (bar.totals.costUnknownJobs > 0) parts.push(`${bar.totals.costUnknownJobs} cost unknown`);
  if (bar.totals.possiblyChargedJobs > 0) parts.push(`${bar.totals.possiblyChargedJobs} possibly charged`);
  return parts.join(', ');
}

export function SpendChart({ bars }: { bars: SpendBar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.totals.credits + b.totals.possiblyChargedCredits));
  const first = bars[0];
  const last = bars.at(-1);
  return (
    <figure className="spend-chart">
      <div className="spend-bars" role="list" aria-label="Credits per period">
        {bars.map((bar) => (
          <div key={bar.key} className="spend-bar" role="listitem" title={describe(bar)} aria-label={describe(bar)}>
            <span
              className="spend-bar-possible"
              style={{ height: `${(bar.totals.possiblyChargedCredits / max) * 100}%` }}
            />
            <span className="spend-bar-charged" style={{ height: `${(bar.totals.credits / max) * 100}%` }} />
            {bar.totals.costUnknownJobs > 0 && <span className="spend-bar-unknown" aria-hidden="true" />}
          </div>
        ))}
      </div>
      <figcaption className="hint spend-axis">
        <span>{first?.label}</span>
        <span>max {formatCredits(max)} credits</span>
        <span>{last?.label}</span>
      </figcaption>
    </figure>
  );
}
