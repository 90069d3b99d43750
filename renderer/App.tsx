/**
 * The studio: projects on the left, the gallery in the middle, composer and queue on the right;
 * detail, compare and settings open over it.
 */
import { useEffect } from 'react';
import { Composer } from './features/composer/Composer';
import { CompareView } from './features/compare/CompareView';
import { DetailView } from './features/detail/DetailView';
import { InspectPanel } from './features/detail/InspectPanel';
import { ImportDialog } from './features/gallery/ImportDialog';
import { DiagnosticsHost } from './features/diagnostics/DiagnosticsDialog';
import { EditorHost } from './features/editors/EditorHost';
import { useFileInspectDrop } from './features/detail/useFileInspectDrop';
import { BulkBar } from './features/gallery/BulkBar';
import { FilterBar } from './features/gallery/FilterBar';
import { Gallery } from './features/gallery/Gallery';
import { ProjectSidebar } from './features/gallery/ProjectSidebar';
import { ConnectionBanner } from './features/queue/ConnectionBanner';
import { QueuePanel } from './features/queue/QueuePanel';
import { SettingsPage } from './features/settings/SettingsPage';
import { ShortcutSheet } from './features/shortcuts/ShortcutSheet';
import { useShortcuts } from './features/shortcuts/useShortcuts';
import { useSettingsStore } from './state/settings-store';
import { useViewStore } from './state/view-store';
import { ToastHost } from './ui/ToastHost';
import { TopBar } from './TopBar';

function useTheme(): void {
  const theme = useSettingsStore((s) => s.view?.settings.theme ?? 'dark');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

export function App() {
  useTheme();
  useShortcuts();
  useFileInspectDrop();
  const detailId = useViewStore((s) => s.detailId);
  const compareIds = useViewStore((s) => s.compareIds);
  const settingsOpen = useViewStore((s) => s.settingsOpen);
  const shortcutsOpen = useViewStore((s) => s.shortcutsOpen);

  return (
    <div className="app">
      <TopBar />
      <ConnectionBanner />
      <main className="workspace">
        <ProjectSidebar />
        <section className="gallery-pane" aria-label="Gallery">
          <FilterBar />
          <BulkBar />
          <Gallery />
        </section>
        <aside className="side-pane">
          <Composer />
          <QueuePanel />
        </aside>
      </main>
      {detailId && <DetailView id={detailId} />}
      {compareIds.length >= 2 && <CompareView ids={compareIds} />}
      {settingsOpen && <SettingsPage />}
      {shortcutsOpen && <ShortcutSheet />}
      <ImportDialog />
      <InspectPanel />
      <DiagnosticsHost />
      <EditorHost />
      <ToastHost />
    </div>
  );
}
