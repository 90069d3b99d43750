/** Credits spent today, this month and per project, and where the app keeps its files and log. */
import { useEffect } from 'react';
import { useSettingsStore } from '../../state/settings-store';
import { formatCredits } from '../../ui/format';

export function SpendSection() {
  const spend = useSettingsStore((s) => s.spend);
  const info = useSettingsStore((s) => s.info);
  const credits = useSettingsStore((s) => s.credits);
  useEffect(() => {
    void useSettingsStore
      .getState()
      .refreshSpend()
      .catch(() => undefined);
  }, []);
  return (
    <section className="settings-section" aria-labelledby="spend-head">
      <h2 id="spend-head">Spend</h2>
      {spend ? (
        <table className="params">
          <tbody>
            <tr>
              <th scope="row">Today</th>
              <td>{formatCredits(spend.today)} credits</td>
            </tr>
            <tr>
              <th scope="row">This month</th>
              <td>{formatCredits(spend.month)} credits</td>
            </tr>
            {spend.perProject.map((p) => (
              <tr key={p.projectId ?? 'unsorted'}>
                <th scope="row">{p.name}</th>
                <td>{formatCredits(p.credits)} credits</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Balance</th>
              <td>{credits === null ? 'unknown' : `${formatCredits(credits)} credits`}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="hint">Loading…</p>
      )}
      <h2>About</h2>
      {info && (
        <table className="params">
          <tbody>
            <tr>
              <th scope="row">Version</th>
              <td>{info.version}</td>
            </tr>
            <tr>
              <th scope="row">Library folder</th>
              <td>
                <code>{info.home}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">Log file</th>
              <td>
                <code data-testid="log-file">{info.logFile}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">API address</th>
              <td>
                <code>{info.apiBase}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">Full-text search</th>
              <td>{info.fullTextSearch ? 'yes (FTS5)' : 'plain scan'}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
