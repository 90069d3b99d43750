/**
 * The one form for entering a key, used by the composer's first step and by Settings: a
 * write-only field, Test (asks BFL about the typed key, keeps nothing), Save (tests first; a key
 * BFL refuses is not kept, one that could not be tested is kept and the message says so), and —
 * where no keychain is reachable — "Use for this session only" beside the explanation.
 */
import { useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import type { KeySetResult } from '../../shared/types';
import { useSettingsStore } from '../state/settings-store';
import { ErrorNotice } from './ErrorNotice';
import { errorInfoOf } from './error-text';
import { formatCredits } from './format';

export interface KeyFormLabels {
  /** The field's label (distinct per place: both forms can be on screen at once). */
  field: string;
  test: string;
  save: string;
}

function savedText(result: KeySetResult): string {
  const where =
    result.source === 'session'
      ? 'Key kept for this session only (in memory, never written; gone when Seedbank quits).'
      : 'Key saved in the keychain.';
  if (result.check?.outcome === 'ok')
    return `${where} BFL accepted it: balance ${formatCredits(result.check.credits)} credits.`;
  if (result.check?.outcome === 'untested') {
    return `${where} It could not be tested (${result.check.reason}); the first generation will show whether it works.`;
  }
  return where;
}

export function KeyForm({ id, labels, placeholder }: { id: string; labels: KeyFormLabels; placeholder: string }) {
  const key = useSettingsStore((s) => s.key);
  const setKey = useSettingsStore((s) => s.setKey);
  const testKey = useSettingsStore((s) => s.testKey);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [result, setResult] = useState<string | null>(null);
  /** Said beside an error from Save: whether anything was kept. */
  const [errorNote, setErrorNote] = useState<string | null>(null);
  const noKeychain = key !== null && !key.keychainAvailable && key.source !== 'env';
  const typed = draft.trim().length > 0;

  const run = async (work: () => Promise<string>, noteOnError: string | null = null) => {
    setBusy(true);
    setError(null);
    setErrorNote(null);
    setResult(null);
    try {
      setResult(await work());
    } catch (err) {
      setError(errorInfoOf(err));
      setErrorNote(noteOnError);
    } finally {
      setBusy(false);
    }
  };
  const save = (sessionOnly: boolean) => {
    const value = draft;
    void run(async () => {
      const saved = await setKey(value, { verify: true, sessionOnly });
      setDraft('');
      return savedText(saved);
    }, 'The key was not saved.');
  };

  return (
    <div className="key-form">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed) save(noKeychain);
        }}
      >
        <label htmlFor={id} className="sr-only">
          {labels.field}
        </label>
        <input
          id={id}
          name={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button
          type="button"
          disabled={busy || (!typed && !key?.hasKey)}
          onClick={() =>
            void run(async () => {
              const credits = await testKey(typed ? draft : undefined);
              return `The key works. Balance: ${formatCredits(credits)} credits.`;
            })
          }
        >
          {labels.test}
        </button>
        {!noKeychain && (
          <button type="submit" className="primary" disabled={busy || !typed}>
            {labels.save}
          </button>
        )}
      </form>
      {noKeychain && (
        <div className="key-session">
          <p className="hint">
            No OS keychain is reachable here, so Seedbank cannot keep the key between sessions (it never writes the key
            to a plain file). You can use it until Seedbank quits, or set <code>BFL_API_KEY</code> in the environment.
          </p>
          <button type="button" className="primary" disabled={busy || !typed} onClick={() => save(true)}>
            Use for this session only
          </button>
        </div>
      )}
      {busy && <p className="hint">Asking BFL…</p>}
      {result && (
        <p className="notice notice-ok" role="status">
          {result}
        </p>
      )}
      {errorNote && error && <p className="hint">{errorNote}</p>}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
