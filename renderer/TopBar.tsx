/** Brand, search, balance, and the doors to Settings and the shortcut sheet. */
import { SearchBox } from './features/gallery/SearchBox';
import { SearchScope } from './features/gallery/SearchScope';
import { formatCredits } from './ui/format';
import { useSettingsStore } from './state/settings-store';
import { useViewStore } from './state/view-store';

export function TopBar() {
  const credits = useSettingsStore((s) => s.credits);
  const creditsError = useSettingsStore((s) => s.creditsError);
  const hasKey = useSettingsStore((s) => s.key?.hasKey ?? null);
  const openSettings = useViewStore((s) => s.openSettings);
  const setShortcutsOpen = useViewStore((s) => s.setShortcutsOpen);
  return (
    <header className="topbar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Seedbank
      </span>
      <SearchBox />
      <SearchScope />
      <span className="balance" data-testid="balance">
        {hasKey === false ? (
          <button type="button" className="link" onClick={openSettings}>
            Add API key
          </button>
        ) : creditsError ? (
          <span title={creditsError.message}>Balance unavailable</span>
        ) : credits === null ? (
          ''
        ) : (
          `${formatCredits(credits)} credits`
        )}
      </span>
      <button type="button" className="ghost" aria-label="Keyboard shortcuts" onClick={() => setShortcutsOpen(true)}>
        ?
      </button>
      <button type="button" onClick={openSettings}>
        Settings
      </button>
    </header>
  );
}
