/**
 * Settings → Library: this computer's own library (the default) or the team library on
 * PostgreSQL with a shared folder. The connection string may carry the password: saving moves it
 * into the OS keychain (the page only ever learns "password saved"); the Test button runs the
 * core's checks and shows each. Team is saved only after a passing test, or when the person
 * confirms; saving switches the library at once (the gallery reloads from the one now in use).
 */
import { useEffect, useState } from 'react';
import type { TeamCheckResult, TeamLibraryView } from '../../../shared/types';
import { seedbank } from '../../platform/seedbank';
import { chooseFolder } from '../../state/library-actions';
import { errorInfoOf } from '../../ui/error-text';

type Mode = TeamLibraryView['mode'];

const CHECK_LABELS: Record<TeamCheckResult['name'], string> = {
  connection: 'Connection',
  schema: 'Schema version',
  folder: 'Folder write access',
  'library id': 'Library ids match',
};

export function LibrarySection() {
  const [view, setView] = useState<TeamLibraryView | null>(null);
  const [mode, setMode] = useState<Mode>('local');
  const [databaseUrl, setDatabaseUrl] = useState('');
  /** What goes to the core: a dialog handle in the app, a typed path in the browser host, or the saved path. */
  const [folder, setFolder] = useState('');
  const [folderName, setFolderName] = useState<string | null>(null);
  const [typedFolder, setTypedFolder] = useState(false);
  const [personName, setPersonName] = useState('');
  const [checks, setChecks] = useState<TeamCheckResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    seedbank()
      .library.teamSettings()
      .then(
        (v) => {
          setView(v);
          setMode(v.mode);
          setDatabaseUrl(v.databaseUrl ?? '');
          setFolder(v.sharedFolder ?? '');
          setPersonName(v.personName);
        },
        () => undefined,
      );
  }, []);

  const passed = checks !== null && checks.every((c) => c.ok);

  const pickFolder = async () => {
    const chosen = await chooseFolder('team');
    if (chosen === 'typed') setTypedFolder(true);
    else if (chosen.handle) {
      setFolder(chosen.handle);
      setFolderName(chosen.name);
      setChecks(null);
    }
  };

  const test = async () => {
    setError(null);
    setBusy(true);
    try {
      setChecks((await seedbank().library.teamTest({ databaseUrl, sharedFolder: folder })).checks);
    } catch (err) {
      setChecks(null);
      setError(errorInfoOf(err).message);
    } finally {
      setBusy(false);
    }
  };

  const save = async (confirmUntested: boolean) => {
    setError(null);
    setSaved(null);
    setBusy(true);
    try {
      // Local keeps the team's details for later when both are there; Team always sends them (the core names what is missing).
      const team = mode === 'team' || (databaseUrl.trim() !== '' && folder.trim() !== '');
      const result = await seedbank().library.teamSave({
        mode,
        ...(team ? { databaseUrl, sharedFolder: folder } : {}),
        ...(personName.trim() ? { personName } : {}),
        confirmUntested,
      });
      setView(result);
      setDatabaseUrl(result.databaseUrl ?? '');
      setFolder(result.sharedFolder ?? '');
      setFolderName(null);
      if (result.checks.length > 0) setChecks(result.checks);
      setConfirming(false);
      setSaved(
        result.restartNeeded
          ? `Saved. Restart Seedbank to use ${result.mode === 'team' ? 'the team library' : "this computer's library"}.`
          : `Saved. The gallery now shows ${result.mode === 'team' ? 'the team library' : "this computer's library"}.`,
      );
    } catch (err) {
      const info = errorInfoOf(err);
      if (info.field === 'confirmUntested') setConfirming(true);
      setError(info.message);
    } finally {
      setBusy(false);
    }
  };

  const folderShown = folderName ?? (folder === '' ? 'No folder chosen' : folder);

  return (
    <section className="settings-section" aria-labelledby="library-head">
      <h2 id="library-head">Library</h2>
      <div className="field">
        <span className="label" id="library-mode-label">
          Where the library lives
        </span>
        <div className="segmented" role="radiogroup" aria-labelledby="library-mode-label">
          {(['local', 'team'] as Mode[]).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'on' : ''}
              onClick={() => {
                setMode(m);
                setSaved(null);
              }}
            >
              {m === 'local' ? 'This computer' : 'Team'}
            </button>
          ))}
        </div>
      </div>
      {mode === 'team' && (
        <>
          <p className="hint">
            A library shared by several workstations: the index on a PostgreSQL server, the images in a shared folder.
            Whoever runs the server creates it once with <code>seedbank library migrate</code>.
          </p>
          <div className="field">
            <label htmlFor="team-database-url">Connection string</label>
            <input
              id="team-database-url"
              placeholder="postgres://user:password@server/seedbank"
              value={databaseUrl}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setDatabaseUrl(e.target.value);
                setChecks(null);
              }}
            />
            <span className="hint">
              A password typed here goes to the OS keychain when you save, never into the settings file.{' '}
              {view?.keychainAvailable === false
                ? 'No OS keychain here: leave the password out and use .pgpass or PGPASSWORD.'
                : view?.passwordSaved
                  ? 'Password saved: yes.'
                  : 'Password saved: no.'}
            </span>
          </div>
          <div className="field">
            <span className="label" id="team-folder-label">
              Shared folder
            </span>
            {typedFolder ? (
              <input
                aria-labelledby="team-folder-label"
                placeholder="/full/path/to/the/shared/folder"
                value={folder}
                onChange={(e) => {
                  setFolder(e.target.value);
                  setChecks(null);
                }}
              />
            ) : (
              <span className="inline">
                <span title={folder}>{folderShown}</span>
                <button type="button" onClick={() => void pickFolder()}>
                  Choose…
                </button>
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor="team-person-name">Your name (shown with the images you make)</label>
            <input id="team-person-name" value={personName} onChange={(e) => setPersonName(e.target.value)} />
          </div>
          <div className="inline">
            <button type="button" disabled={busy || !databaseUrl || !folder} onClick={() => void test()}>
              {busy ? 'Testing…' : 'Test'}
            </button>
          </div>
          {checks && (
            <ul className="team-checks" aria-label="Team library test">
              {checks.map((check) => (
                <li key={check.name} className={`notice ${check.ok ? 'notice-ok' : 'notice-error'}`}>
                  <strong>
                    {check.ok ? '✓' : '✗'} {CHECK_LABELS[check.name]}
                  </strong>
                  <span>{check.message}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="inline">
        <button
          type="button"
          disabled={busy || (mode === 'team' && !passed && !confirming)}
          title={mode === 'team' && !passed ? 'Test the team library first' : undefined}
          onClick={() => void save(false)}
        >
          Save
        </button>
        {confirming && (
          <button type="button" className="danger" onClick={() => void save(true)}>
            Switch anyway
          </button>
        )}
      </div>
      <p className="hint">
        Saving switches between this computer and the team at once; jobs still running finish into the library in use
        when they end.
      </p>
      {saved && (
        <p className="notice notice-ok" role="status">
          {saved}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
