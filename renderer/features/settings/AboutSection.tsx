/** Where the app keeps its files and log, and what it talks to. */
import { useSettingsStore } from '../../state/settings-store';

export function AboutSection() {
  const info = useSettingsStore((s) => s.info);
  return (
    <section className="settings-section" aria-labelledby="about-head">
      <h2 id="about-head">About</h2>
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
