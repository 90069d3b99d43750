/**
 * The API key: set, replace, clear, test. The field is write-only: after saving, the page knows
 * only whether a key is set and its last four characters.
 */
import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { useSettingsStore } from '../../state/settings-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { errorInfoOf } from '../../ui/error-text';
import { formatCredits } from '../../ui/format';

export function KeySection() {
  const key = useSettingsStore((s) => s.key);
  const setKey = useSettingsStore((s) => s.setKey);
  const clearKey = useSettingsStore((s) => s.clearKey);
  const testKey = useSettingsStore((s) => s.testKey);
  const [draft, setDraft] = useState('');
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
            {key.source === 'env' ? ' (from BFL_API_KEY in the environment)' : ' (in the OS keychain)'}.
          </>
        ) : (
          'No key is set.'
        )}
      </p>
      {key?.message && <p className="hint">{key.message}</p>}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const value = draft;
          void run(async () => {
            await setKey(value);
            setDraft('');
            return 'Key saved in the keychain.';
          });
        }}
      >
        <label htmlFor="api-key" className="sr-only">
          API key
        </label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={key?.hasKey ? 'Paste a new key to replace it' : 'Paste your key from the BFL dashboard'}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy || draft.trim().length === 0}>
          {key?.hasKey ? 'Replace key' : 'Save key'}
        </button>
      </form>
      <div className="row">
        <button
          type="button"
          disabled={busy || !key?.hasKey}
          onClick={() => void run(async () => `The key works. Balance: ${formatCredits(await testKey())} credits.`)}
        >
          Test key
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || !key?.hasKey || key.source === 'env'}
          onClick={() =>
            void run(async () => {
              await clearKey();
              return 'Key removed from the keychain.';
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
