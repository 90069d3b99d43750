/**
 * The studio: projects on the left, the gallery in the middle, composer and queue on the right;
 * detail, compare and settings open over it.
 *
 * The gallery paints first: the shell, the projects and the grid render at once; the composer, the
 * queue and every dialog mount after the first page is on screen (useAfterFirstPage), from their
 * own chunks (React.lazy), so the first render is the gallery's alone (docs/performance.md).
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useFileInspectDrop } from './features/detail/useFileInspectDrop';
import { BulkBar } from './features/gallery/BulkBar';
import { FilterBar } from './features/gallery/FilterBar';
// In the first chunk anyway: the sidebar's Import button lives beside it.
import { ImportDialog } from './features/gallery/ImportDialog';
import { Gallery } from './features/gallery/Gallery';
import { ProjectSidebar } from './features/gallery/ProjectSidebar';
import { ConnectionBanner } from './features/queue/ConnectionBanner';
import { TeamOfflineBanner } from './features/gallery/TeamOfflineBanner';
import { useShortcuts } from './features/shortcuts/useShortcuts';
import { useLibraryStore } from './state/library-store';
import { useSettingsStore } from './state/settings-store';
import { useViewStore } from './state/view-store';
import { ToastHost } from './ui/ToastHost';
import { useAfterFirstPage } from './ui/use-after-first-page';
import { TopBar } from './TopBar';

const Composer = lazy(() => import('./features/composer/Composer').then((m) => ({ default: m.Composer })));
const QueuePanel = lazy(() => import('./features/queue/QueuePanel').then((m) => ({ default: m.QueuePanel })));
const DetailView = lazy(() => import('./features/detail/DetailView').then((m) => ({ default: m.DetailView })));
const CompareView = lazy(() => import('./features/compare/CompareView').then((m) => ({ default: m.CompareView })));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const ShortcutSheet = lazy(() =>
  import('./features/shortcuts/ShortcutSheet').then((m) => ({ default: m.ShortcutSheet })),
);
const InspectPanel = lazy(() => import('./features/detail/InspectPanel').then((m) => ({ default: m.InspectPanel })));
const DiagnosticsHost = lazy(() =>
  import('./features/diagnostics/DiagnosticsDialog').then((m) => ({ default: m.DiagnosticsHost })),
);
const EditorHost = lazy(() => import('./features/editors/EditorHost').then((m) => ({ default: m.EditorHost })));

function useTheme(): void {
  const theme = useSettingsStore((s) => s.view?.settings.theme ?? 'dark');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

/** One boundary per lazy part, so a part still loading never hides the gallery or another part. */
const Later = ({ children }: { children: ReactNode }) => <Suspense fallback={null}>{children}</Suspense>;

export function App() {
  useTheme();
  useShortcuts();
  useFileInspectDrop();
  const rest = useAfterFirstPage();
  // The tag counts are one pass over the whole library in the host (hundreds of ms at 100,000
  // images). Asked for in the first burst, they held the host while the page's last scripts were
  // still coming from it; they are needed only by the tag menus, so they come after the gallery.
  useEffect(() => {
    if (rest) void useLibraryStore.getState().refreshTags();
  }, [rest]);
  const detailId = useViewStore((s) => s.detailId);
  const compareIds = useViewStore((s) => s.compareIds);
  const settingsOpen = useViewStore((s) => s.settingsOpen);
  const shortcutsOpen = useViewStore((s) => s.shortcutsOpen);

  return (
    <div className="app">
      <TopBar />
      <ConnectionBanner />
      <TeamOfflineBanner />
      <main className="workspace">
        <ProjectSidebar />
        <section className="gallery-pane" aria-label="Gallery">
          <FilterBar />
          <BulkBar />
          <Gallery />
        </section>
        <aside className="side-pane">
          {rest && (
            <Later>
              <Composer />
              <QueuePanel />
            </Later>
          )}
        </aside>
      </main>
      {rest && (
        <>
          {detailId && (
            <Later>
              <DetailView id={detailId} />
            </Later>
          )}
          {compareIds.length >= 2 && (
            <Later>
              <CompareView ids={compareIds} />
            </Later>
          )}
          {settingsOpen && (
            <Later>
              <SettingsPage />
            </Later>
          )}
          {shortcutsOpen && (
            <Later>
              <ShortcutSheet />
            </Later>
          )}
          <Later>
            <ImportDialog />
            <InspectPanel />
            <DiagnosticsHost />
            <EditorHost />
          </Later>
        </>
      )}
      <ToastHost />
    </div>
  );
}
