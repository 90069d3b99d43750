/** Settings, over the workspace; Esc or Close goes back. */
import { useSettingsStore } from '../../state/settings-store';
import { useViewStore } from '../../state/view-store';
import { AboutSection } from './AboutSection';
import { KeySection } from './KeySection';
import { LibrarySection } from './LibrarySection';
import { PreferencesSection } from './PreferencesSection';
import { SpendSection } from './SpendSection';
import { WatchedFoldersSection } from './WatchedFoldersSection';

export function SettingsPage() {
  const close = useViewStore((s) => s.closeSettings);
  const notice = useSettingsStore((s) => s.view?.notice ?? null);
  return (
    <div className="overlay settings" role="dialog" aria-modal="true" aria-labelledby="settings-title">
      <header className="panel-head">
        <h1 id="settings-title">Settings</h1>
        <button type="button" onClick={close}>
          Close
        </button>
      </header>
      {notice && (
        <p className="notice notice-warn" role="status">
          {notice}
        </p>
      )}
      <div className="settings-columns">
        <div>
          <KeySection />
          <PreferencesSection />
          <LibrarySection />
        </div>
        <div>
          <SpendSection />
          <WatchedFoldersSection />
          <AboutSection />
        </div>
      </div>
    </div>
  );
}
