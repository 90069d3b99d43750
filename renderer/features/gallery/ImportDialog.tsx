/**
 * Import from a folder: the app's folder dialog (or, in the browser host, a typed full path),
 * then progress — files seen, imported, skipped — with Pause and Cancel, then the summary:
 * imported, duplicates skipped (same content already in the library), unreadable with reasons,
 * and the import's log (its path, and a copy of the summary for pasting).
 */
import { useState } from 'react';
import { importProgressLine, type ImportReport } from '../../../shared/import-report';
import { sourceToolLabel } from '../../../shared/source-tools';
import { useImportStore } from '../../state/import-store';
import { chooseFolder, copyText } from '../../state/library-actions';
import { describeError } from '../../ui/error-text';
import { Modal } from '../../ui/Modal';

/** The button beside the library's places; shows the count while an import runs with its dialog closed. */
export function ImportButton() {
  const phase = useImportStore((s) => s.phase);
  const counts = useImportStore((s) => s.counts);
  const begin = async () => {
    const store = useImportStore.getState();
    if (store.phase === 'running') return store.show();
    const folder = await chooseFolder('import');
    if (folder === 'typed') store.askTyped();
    else if (folder.handle) void store.start(folder.handle, folder.name ?? 'the chosen folder');
  };
  const running = phase === 'running';
  return (
    <button type="button" className="nav-item ghost" onClick={() => void begin()}>
      {running
        ? `Importing… ${counts ? `${counts.imported + counts.duplicates + counts.unreadable}/${counts.seen}` : ''}`
        : 'Import images…'}
    </button>
  );
}

function TypedFolderForm() {
  const error = useImportStore((s) => s.error);
  const start = useImportStore((s) => s.start);
  const close = useImportStore((s) => s.close);
  const [folder, setFolder] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (folder.trim()) void start(folder.trim(), folder.trim());
      }}
    >
      <label>
        Folder to import (its full path)
        <input
          autoFocus
          value={folder}
          placeholder="/home/you/Pictures/comfyui-output"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'import-folder-error' : undefined}
          onChange={(e) => setFolder(e.target.value)}
        />
      </label>
      {error && (
        <p id="import-folder-error" className="field-error" role="alert">
          {describeError(error).detail || error.message}
        </p>
      )}
      <p className="hint">
        Images are copied into the library; the folder is only read. Files already in the library (same content) are
        skipped.
      </p>
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={close}>
          Cancel
        </button>
        <button type="submit" disabled={!folder.trim()}>
          Import
        </button>
      </div>
    </form>
  );
}

function Running() {
  const counts = useImportStore((s) => s.counts);
  const paused = useImportStore((s) => s.paused);
  const taskId = useImportStore((s) => s.taskId);
  const folder = useImportStore((s) => s.folderLabel);
  const { setPaused, cancel, close } = useImportStore.getState();
  const handled = counts ? counts.imported + counts.duplicates + counts.unreadable : 0;
  return (
    <div className="import-running">
      <p>
        {paused ? 'Paused' : 'Importing'} from <strong>{folder}</strong>
      </p>
      <progress max={counts?.seen || 1} value={handled} aria-label="Import progress" />
      <p role="status" data-testid="import-progress">
        {counts ? importProgressLine(counts) : 'Looking for images…'}
      </p>
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={close}>
          Hide
        </button>
        <button type="button" disabled={!taskId} onClick={() => void setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="danger" disabled={!taskId} onClick={() => void cancel()}>
          Cancel import
        </button>
      </div>
    </div>
  );
}

/** The summary as text, for the clipboard. */
function summaryText(report: ImportReport, message: string | null): string {
  const lines = [message ?? '', `Folder: ${report.source}`];
  if (report.unreadableFiles.length) {
    lines.push('Could not be read:', ...report.unreadableFiles.map(({ file, reason }) => `  ${file}: ${reason}`));
  }
  if (report.logFile) lines.push(`Log: ${report.logFile}`);
  return lines.join('\n');
}

function Summary() {
  const report = useImportStore((s) => s.report);
  const message = useImportStore((s) => s.message);
  const close = useImportStore((s) => s.close);
  if (!report) return <p>{message}</p>;
  const tools = Object.entries(report.byTool)
    .sort((a, b) => b[1] - a[1])
    .map(([tool, count]) => `${count} ${sourceToolLabel(tool)}`)
    .join(', ');
  const hidden = report.unreadable - report.unreadableFiles.length;
  return (
    <div className="import-summary" data-testid="import-summary">
      {report.cancelled && <p className="hint">Cancelled: the counts say how far it got.</p>}
      <dl className="import-counts">
        <dt>Imported</dt>
        <dd>
          {report.imported}
          {tools && <span className="hint"> ({tools})</span>}
        </dd>
        <dt>Duplicates skipped</dt>
        <dd>
          {report.duplicates}
          <span className="hint"> (same content already in the library)</span>
        </dd>
        <dt>Unreadable</dt>
        <dd>{report.unreadable}</dd>
        <dt>Files seen</dt>
        <dd>{report.seen}</dd>
      </dl>
      {report.unreadableFiles.length > 0 && (
        <ul className="import-unreadable" aria-label="Files that could not be read">
          {report.unreadableFiles.map(({ file, reason }) => (
            <li key={file} title={file}>
              <strong>{file.split(/[\\/]/).at(-1)}</strong>: {reason}
            </li>
          ))}
          {hidden > 0 && <li className="hint">…and {hidden} more in the log</li>}
        </ul>
      )}
      {report.logFile && (
        <p className="hint import-log">
          Log: <code>{report.logFile}</code>
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={() => void copyText(summaryText(report, message))}>
          Copy log
        </button>
        <button type="button" autoFocus onClick={close}>
          Done
        </button>
      </div>
    </div>
  );
}

export function ImportDialog() {
  const open = useImportStore((s) => s.open);
  const phase = useImportStore((s) => s.phase);
  const report = useImportStore((s) => s.report);
  const close = useImportStore((s) => s.close);
  if (!open || phase === 'closed') return null;
  const title =
    phase === 'done' ? (report?.cancelled ? 'Import cancelled' : 'Import finished') : 'Import images from a folder';
  return (
    <Modal id="import" title={title} onClose={close}>
      {phase === 'choose' && <TypedFolderForm />}
      {phase === 'running' && <Running />}
      {phase === 'done' && <Summary />}
    </Modal>
  );
}
