/**
 * Watched folders: folders another tool writes into (ComfyUI's `output/`, say), shown in the
 * library as they fill, never written to. The folder comes from the app's dialog (the page holds
 * only a handle) or, in the browser host, a typed full path under home or the temp folder.
 */
import { useCallback, useEffect, useState } from 'react';
import type { WatchedFolder } from '../../../shared/types';
import { seedbank } from '../../platform/seedbank';
import { chooseFolder } from '../../state/library-actions';
import { errorInfoOf } from '../../ui/error-text';

export function WatchedFoldersSection() {
  const [folders, setFolders] = useState<WatchedFolder[]>([]);
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    seedbank()
      .watched.list()
      .then(setFolders, () => undefined);
  }, []);
  useEffect(() => {
    refresh();
    // The counts follow what the folders' watchers add.
    return seedbank().onLibraryChanged(refresh);
  }, [refresh]);

  const add = async (folder: string) => {
    setError(null);
    try {
      await seedbank().watched.add({ folder });
      setTyped(null);
    } catch (err) {
      setError(errorInfoOf(err).message);
    }
    refresh();
  };
  const startAdd = async () => {
    const chosen = await chooseFolder('watch');
    if (chosen === 'typed') setTyped('');
    else if (chosen.handle) await add(chosen.handle);
  };
  const remove = async (id: string) => {
    setError(null);
    try {
      await seedbank().watched.remove({ id });
    } catch (err) {
      setError(errorInfoOf(err).message);
    }
    refresh();
  };

  return (
    <section className="settings-section" aria-labelledby="watched-head">
      <h2 id="watched-head">Watched folders</h2>
      <p className="hint">
        Images in these folders join the library as they appear and stay where they are: Seedbank never writes to them.
        Ratings and tags for them are kept in the library and go into a file only when you export it.
      </p>
      {folders.length > 0 && (
        <ul className="watched-folders" aria-label="Watched folders">
          {folders.map((folder) => (
            <li key={folder.id}>
              <span title={folder.path}>
                <strong>{folder.name}</strong> <span className="hint">{folder.images} images</span>
              </span>
              <button type="button" onClick={() => void remove(folder.id)} aria-label={`Stop watching ${folder.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {typed === null ? (
        <button type="button" onClick={() => void startAdd()}>
          Watch a folder…
        </button>
      ) : (
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) void add(typed.trim());
          }}
        >
          <input
            autoFocus
            aria-label="Folder to watch"
            placeholder="/full/path/under/home/or/tmp"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button type="submit">Watch</button>
          <button type="button" className="ghost" onClick={() => setTyped(null)}>
            Cancel
          </button>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
