/**
 * Whether the team library can be reached, as the page knows it: from `library:teamStatus` (the
 * core's watch: away, back, how many images wait in the outbox) and from a gallery page marked
 * `offline` (the answer came from this workstation's recent cache — also how a page opened while
 * the library is already away learns it). When the library comes back the gallery reloads, so
 * the cached view is replaced by the team's (wire.ts).
 */
import { create } from 'zustand';
import type { OfflineView, TeamLibraryStatus } from '../../shared/api';
import { seedbank } from '../platform/seedbank';

interface TeamStatusState {
  /** The last status heard; null until one arrives (and always on this computer's library). */
  status: TeamLibraryStatus | null;
  /** The gallery shows a cached view (the last page's `offline`); null when it shows the team's. */
  cached: OfflineView | null;
  /** Told by the gallery after each first page. */
  sawPage(offline: OfflineView | undefined): void;
}

export const useTeamStatusStore = create<TeamStatusState>()((set) => ({
  status: null,
  cached: null,
  sawPage: (offline) => set({ cached: offline ?? null }),
}));

/** `onBack` runs when the library is reachable again after the page saw it away (the gallery reloads). */
export function wireTeamStatusStore(onBack: () => void): () => void {
  return seedbank().onLibraryTeamStatus((status) => {
    const { status: before, cached } = useTeamStatusStore.getState();
    useTeamStatusStore.setState({ status });
    if (status.state === 'connected' && (before?.state === 'away' || cached !== null)) onBack();
  });
}
