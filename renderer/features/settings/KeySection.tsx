/**
 * The API key: where it comes from, where to get one, set/replace/test (KeyForm) and clear. The
 * field is write-only: after saving, the page knows only whether a key is set and its last four.
 */
import { useState } from 'react';
import { BFL_LINKS } from '../../../shared/bfl-links';
import type { ErrorInfo } from '../../../shared/errors';
import { useSettingsStore } from '../../state/settings-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { errorInfoOf } from '../../ui/error-text';
import { ExternalLink } from '../../ui/ExternalLink';
import { KeyForm } from '../../ui/KeyForm';

export function KeySection() {
  const key = useSettingsStore((s) => s.key);
  const clearKey = useSettingsStore((s) => s.clearKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await work());
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="key-head">
      <h2 id="key-head">Black Forest Labs API key</h2>
      <p className="key-status" data-testid="key-status">
        {key?.hasKey ? (
          <>
            A key is set, ending in <code>{key.last4}</code>
            {key.source === 'env'
              ? ' (from BFL_API_KEY in the environment)'
              : key.source === 'session'
                ? ' (for this session only, not saved)'
                : ' (in the OS keychain)'}
            .
          </>
        ) : (
          'No key is set.'
        )}
      </p>
      {key?.message && <p className="hint">{key.message}</p>}
      <p className="hint">
        Keys are made in the <ExternalLink href={BFL_LINKS.dashboard}>BFL dashboard</ExternalLink> (“Add Key”).
      </p>
      <KeyForm
        id="api-key"
        labels={{ field: 'API key', test: 'Test key', save: key?.hasKey ? 'Replace key' : 'Save key' }}
        placeholder={key?.hasKey ? 'Paste a new key to replace it' : 'Paste your key from the BFL dashboard'}
      />
      <div className="row">
        <button
          type="button"
          className="danger"
          disabled={busy || !key?.hasKey || key.source === 'env'}
          onClick={() =>
            void run(async () => {
              await clearKey();
              return key?.source === 'session' ? 'Key forgotten.' : 'Key removed from the keychain.';
            })
          }
        >
          Clear key
        </button>
      </div>
      {result && (
        <p className="notice notice-ok" role="status">
          {result}
        </p>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
