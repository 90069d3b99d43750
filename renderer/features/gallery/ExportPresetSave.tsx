/** Saves the export dialog's choices as a named preset in settings (same name: replaced), or deletes one. */
import type { ErrorInfo } from '../../../shared/errors';
import type { ExportOptions, ExportPreset } from '../../../shared/export-preset';
import { useSettingsStore } from '../../state/settings-store';
import { useViewStore } from '../../state/view-store';
import { errorInfoOf } from '../../ui/error-text';

interface Props {
  options: ExportOptions;
  name: string;
  onName: (name: string) => void;
  /** The choices cannot be saved as they are (a field says why). */
  invalid: boolean;
  onError: (error: ErrorInfo) => void;
}

export function ExportPresetSave({ options, name, onName, invalid, onError }: Props) {
  const presets = useSettingsStore((s) => s.view?.settings.exportPresets ?? []);
  const trimmed = name.trim();

  const store = async (next: ExportPreset[], said: string) => {
    try {
      await useSettingsStore.getState().update({ exportPresets: next });
      useViewStore.getState().showToast(said);
    } catch (err) {
      onError(errorInfoOf(err));
    }
  };
  const save = () =>
    store([...presets.filter((p) => p.name !== trimmed), { ...options, name: trimmed }], `Preset “${trimmed}” saved`);
  const remove = () =>
    store(
      presets.filter((p) => p.name !== trimmed),
      `Preset “${trimmed}” deleted`,
    );

  return (
    <div className="field">
      Save as preset
      <div className="preset-save">
        <input
          aria-label="Preset name"
          placeholder="e.g. Web previews"
          value={name}
          onChange={(e) => onName(e.target.value)}
        />
        <button type="button" disabled={!trimmed || invalid} onClick={() => void save()}>
          Save preset
        </button>
        {presets.some((p) => p.name === trimmed) && (
          <button type="button" className="ghost" onClick={() => void remove()}>
            Delete preset
          </button>
        )}
      </div>
    </div>
  );
}
