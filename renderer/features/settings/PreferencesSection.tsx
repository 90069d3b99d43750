/** Region, defaults for new requests, the cost-confirmation threshold and the theme. */
import { MODELS } from '../../../shared/models';
import type { Region, Theme } from '../../../shared/types';
import { useComposerStore } from '../../state/composer-store';
import { useSettingsStore } from '../../state/settings-store';

const REGIONS: { value: Region; label: string }[] = [
  { value: 'global', label: 'Global (api.bfl.ai, fail-over)' },
  { value: 'eu', label: 'EU (data stays in the EU)' },
  { value: 'us', label: 'US (data stays in the US)' },
];

export function PreferencesSection() {
  const view = useSettingsStore((s) => s.view);
  const update = useSettingsStore((s) => s.update);
  if (!view) return null;
  const { settings } = view;
  const saveDefaults = () => {
    const composer = useComposerStore.getState();
    void update({ defaultModel: composer.model, defaultParams: composer.params });
  };

  return (
    <section className="settings-section" aria-labelledby="prefs-head">
      <h2 id="prefs-head">Preferences</h2>
      <div className="field">
        <label htmlFor="settings-region">Region</label>
        <select
          id="settings-region"
          value={settings.region}
          onChange={(e) => void update({ region: e.target.value as Region })}
          aria-describedby="settings-region-hint"
        >
          {REGIONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <span className="hint" id="settings-region-hint">
          {view.apiBaseFromEnvironment
            ? `SEEDBANK_API_BASE overrides the region: every request goes to ${view.apiBase}`
            : `In use: ${view.apiBase}`}
        </span>
      </div>
      <div className="field">
        <label htmlFor="settings-model">Default model</label>
        <select
          id="settings-model"
          value={settings.defaultModel}
          onChange={(e) => void update({ defaultModel: e.target.value })}
        >
          {MODELS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <button type="button" className="small" onClick={saveDefaults}>
          Use the composer’s current settings as defaults
        </button>
      </div>
      <div className="field">
        <label htmlFor="settings-threshold">Ask before sending a batch above (credits)</label>
        <input
          id="settings-threshold"
          type="number"
          min={0}
          step={1}
          defaultValue={settings.costConfirmThreshold}
          onBlur={(e) => void update({ costConfirmThreshold: Math.max(0, Number(e.target.value) || 0) })}
        />
        <span className="hint">1 credit = $0.01 · 0 = never ask</span>
      </div>
      <div className="field">
        <label htmlFor="settings-concurrency">Tasks at once</label>
        <input
          id="settings-concurrency"
          type="number"
          min={1}
          max={24}
          defaultValue={settings.maxActiveTasks}
          onBlur={(e) =>
            void update({ maxActiveTasks: Math.min(24, Math.max(1, Math.round(Number(e.target.value)) || 1)) })
          }
        />
      </div>
      <div className="field">
        <span className="label" id="theme-label">
          Theme
        </span>
        <div className="segmented" role="radiogroup" aria-labelledby="theme-label">
          {(['dark', 'light'] as Theme[]).map((t) => (
            <button
              key={t}
              type="button"
              role="radio"
              aria-checked={settings.theme === t}
              className={settings.theme === t ? 'on' : ''}
              onClick={() => void update({ theme: t })}
            >
              {t === 'dark' ? 'Dark' : 'Light'}
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}
