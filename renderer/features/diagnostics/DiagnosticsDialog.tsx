/**
 * Help → Diagnostics: the same checks as `seedbank doctor` (through `app:diagnostics`), each ✓ or
 * ✗ with what to do. The online checks (API host, key, credits) run only on the button, since
 * they send a request to BFL. Opens when main sends `app:showDiagnostics` from the menu.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DiagnosticsReport } from '../../../shared/diagnostics';
import { seedbank } from '../../platform/seedbank';
import { Modal } from '../../ui/Modal';

export function DiagnosticsHost() {
  const [open, setOpen] = useState(false);
  useEffect(() => seedbank().onAppShowDiagnostics(() => setOpen(true)), []);
  return open ? <DiagnosticsDialog onClose={() => setOpen(false)} /> : null;
}

export function DiagnosticsDialog({ onClose }: { onClose: () => void }) {
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (online: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setReport(await seedbank().app.diagnostics({ online }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void run(false);
  }, [run]);

  return (
    <Modal id="diagnostics" title="Diagnostics" onClose={onClose} wide>
      {error && <p role="alert">{error}</p>}
      {!report && !error && <p>Checking…</p>}
      {report && (
        <table className="params" aria-label="Checks">
          <tbody>
            {report.checks.map((check) => (
              <tr key={check.id}>
                <th scope="row">
                  <span aria-label={check.ok ? 'passed' : 'failed'}>{check.ok ? '✓' : '✗'}</span> {check.label}
                </th>
                <td>
                  {check.detail}
                  {check.fix && <div className="hint">{check.fix}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button type="button" disabled={busy} onClick={() => void run(true)}>
          Check the API connection
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
