/**
 * Export the selection: where to (the app's folder dialog, or a typed full path in the browser
 * host), how copies are named (a template, previewed on the first image with the same rule the
 * core uses), format and longest side (copies are converted; the library's files never are),
 * and a contact sheet. The choices can be saved as a named preset in settings.
 */
import { useMemo, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import { DEFAULT_NAME_TEMPLATE, nameTemplateProblem, renderFileName } from '../../../shared/export-name';
import {
  DEFAULT_EXPORT_OPTIONS,
  EXPORT_FORMATS,
  EXPORT_SHEETS,
  MAX_EXPORT_SIDE,
  type ContactSheetKind,
  type ExportFormat,
  type ExportOptions,
} from '../../../shared/export-preset';
import type { GalleryItem } from '../../../shared/types';
import { seedbank } from '../../platform/seedbank';
import { chooseFolder } from '../../state/library-actions';
import { useLibraryStore } from '../../state/library-store';
import { useSettingsStore } from '../../state/settings-store';
import { useViewStore } from '../../state/view-store';
import { describeError, errorInfoOf } from '../../ui/error-text';
import { Modal } from '../../ui/Modal';
import { ExportPresetSave } from './ExportPresetSave';

const FORMAT_LABELS: Record<ExportFormat, string> = {
  original: 'Original (copy as is)',
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
};
const SHEET_LABELS: Record<ContactSheetKind, string> = { none: 'None', png: 'PNG image', pdf: 'PDF' };

/** Learnt from the first "Choose…": the browser host has no folder dialog, so folders are typed. */
let typedHost = false;

type Folder = { kind: 'none' } | { kind: 'chosen'; handle: string; name: string } | { kind: 'typed'; path: string };

function previewName(template: string, format: ExportFormat, gen: GalleryItem | undefined, projectName: string | null) {
  if (!gen) return null;
  const out = format === 'original' ? gen.format : format;
  const extension = out === 'jpeg' ? 'jpg' : out;
  if (!template.trim()) return `(each file keeps its own name).${extension}`;
  if (nameTemplateProblem(template)) return null;
  const base = renderFileName(template, {
    id: gen.id,
    createdAt: gen.createdAt,
    prompt: gen.prompt,
    seed: gen.seed,
    model: gen.model,
    projectName,
    rating: gen.rating,
    fileName: gen.source?.fileName ?? null,
  });
  return `${base}.${extension}`;
}

export function ExportDialog({ ids, onClose }: { ids: string[]; onClose: () => void }) {
  const presets = useSettingsStore((s) => s.view?.settings.exportPresets ?? []);
  const items = useLibraryStore((s) => s.items);
  const projects = useLibraryStore((s) => s.projects);
  const [folder, setFolder] = useState<Folder>(typedHost ? { kind: 'typed', path: '' } : { kind: 'none' });
  const [template, setTemplate] = useState(DEFAULT_NAME_TEMPLATE);
  const [format, setFormat] = useState<ExportFormat>('original');
  const [maxSide, setMaxSide] = useState('');
  const [sheet, setSheet] = useState<ContactSheetKind>('none');
  const [presetName, setPresetName] = useState('');
  const [busy, setBusy] = useState(false);
  /** The running export's task (from its first `tasks:progress`), for the count and Cancel. */
  const [task, setTask] = useState<{ id: string; done: number; total: number } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const first = useMemo(() => items.find((g) => g.id === ids[0]), [items, ids]);
  const projectName = first?.projectId ? (projects.find((p) => p.id === first.projectId)?.name ?? null) : null;
  const templateProblem = template.trim() ? nameTemplateProblem(template) : null;
  const side = maxSide.trim() === '' ? undefined : Number(maxSide);
  const sideProblem =
    side !== undefined && (!Number.isInteger(side) || side < 16 || side > MAX_EXPORT_SIDE)
      ? `Longest side: a whole number from 16 to ${MAX_EXPORT_SIDE}, or empty to keep the size`
      : null;
  const options: ExportOptions = {
    ...DEFAULT_EXPORT_OPTIONS,
    nameTemplate: template.trim() || undefined,
    format,
    maxSide: sideProblem ? undefined : side,
    contactSheet: sheet,
  };
  const destination = folder.kind === 'chosen' ? folder.handle : folder.kind === 'typed' ? folder.path.trim() : '';
  const fieldOf = (e: ErrorInfo | null) => e?.field ?? '';

  const choose = async () => {
    const picked = await chooseFolder('export');
    if (picked === 'typed') {
      typedHost = true;
      setFolder({ kind: 'typed', path: '' });
    } else if (picked.handle)
      setFolder({ kind: 'chosen', handle: picked.handle, name: picked.name ?? 'chosen folder' });
  };

  const applyPreset = (name: string) => {
    const preset = presets.find((p) => p.name === name);
    if (!preset) return;
    setTemplate(preset.nameTemplate ?? '');
    setFormat(preset.format);
    setMaxSide(preset.maxSide === undefined ? '' : String(preset.maxSide));
    setSheet(preset.contactSheet);
    setPresetName(preset.name);
  };

  const ready = !busy && destination !== '' && !templateProblem && !sideProblem;
  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    let taskId: string | null = null;
    const off = seedbank().onTasksProgress((p) => {
      if (p.kind !== 'export' || p.finished || (taskId !== null && p.taskId !== taskId)) return;
      taskId = p.taskId;
      setTask({ id: p.taskId, done: p.done, total: p.total });
    });
    try {
      const result = await seedbank().library.export({ ids, destination, options });
      useViewStore.getState().showToast(result.message);
      onClose();
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      off();
      setBusy(false);
      setTask(null);
    }
  };
  /** While exporting, Cancel stops it between images (what was written stays, with its manifest). */
  const cancel = () => {
    if (busy && task) void seedbank().library.cancelTask({ taskId: task.id });
    else onClose();
  };

  const errorText = (e: ErrorInfo) => describeError(e).detail || e.message;
  const preview = previewName(template, format, first, projectName);
  return (
    <Modal id="export" title={`Export ${ids.length} image${ids.length === 1 ? '' : 's'}`} onClose={onClose} wide>
      <form
        className="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {presets.length > 0 && (
          <label>
            Preset
            <select aria-label="Preset" value="" onChange={(e) => applyPreset(e.target.value)}>
              <option value="">Choose a preset…</option>
              {presets.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="field">
          Folder
          <div className="folder-field">
            {folder.kind === 'typed' ? (
              <input
                aria-label="Export to folder"
                placeholder="/full/path/under/home/or/tmp"
                value={folder.path}
                aria-invalid={fieldOf(error) === 'destination' || undefined}
                onChange={(e) => setFolder({ kind: 'typed', path: e.target.value })}
              />
            ) : (
              <>
                <input readOnly aria-label="Export to folder" value={folder.kind === 'chosen' ? folder.name : ''} />
                <button type="button" onClick={() => void choose()}>
                  Choose…
                </button>
              </>
            )}
          </div>
        </div>
        {fieldOf(error) === 'destination' && error && (
          <p className="field-error" role="alert">
            {errorText(error)}
          </p>
        )}
        <label>
          File names
          <input
            aria-label="File name template"
            value={template}
            aria-invalid={templateProblem ? true : undefined}
            onChange={(e) => setTemplate(e.target.value)}
          />
        </label>
        {templateProblem ? (
          <p className="field-error" role="alert">
            {templateProblem}
          </p>
        ) : (
          <p className="hint export-preview">
            {preview && (
              <>
                e.g. <code data-testid="export-name-preview">{preview}</code> ·{' '}
              </>
            )}
            tokens: {'{date} {time} {prompt:40} {seed} {model} {id} {project} {rating}'}; empty keeps the names
          </p>
        )}
        <div className="export-row">
          <label>
            Format
            <select aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Longest side
            <input
              aria-label="Longest side in pixels"
              inputMode="numeric"
              placeholder="original size"
              value={maxSide}
              aria-invalid={sideProblem ? true : undefined}
              onChange={(e) => setMaxSide(e.target.value)}
            />
          </label>
          <label>
            Contact sheet
            <select
              aria-label="Contact sheet"
              value={sheet}
              onChange={(e) => setSheet(e.target.value as ContactSheetKind)}
            >
              {EXPORT_SHEETS.map((k) => (
                <option key={k} value={k}>
                  {SHEET_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {sideProblem ? (
          <p className="field-error" role="alert">
            {sideProblem}
          </p>
        ) : (
          <p className="hint">
            Converted copies carry the image’s record; the library’s own files stay as they are. The contact sheet shows
            each image with its prompt and seed.
          </p>
        )}
        <ExportPresetSave
          options={options}
          name={presetName}
          onName={setPresetName}
          invalid={Boolean(templateProblem || sideProblem)}
          onError={setError}
        />
        {error && fieldOf(error) !== 'destination' && (
          <p className="field-error" role="alert">
            {errorText(error)}
          </p>
        )}
      </form>
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={cancel}>
          {busy ? 'Cancel export' : 'Cancel'}
        </button>
        <button type="button" disabled={!ready} onClick={() => void submit()}>
          {busy ? `Exporting…${task && task.total > 0 ? ` ${task.done}/${task.total}` : ''}` : 'Export'}
        </button>
      </div>
    </Modal>
  );
}
