/** Says so when the team library cannot be reached (`library:teamStatus`) or the gallery shows a cached view. */
import { useTeamStatusStore } from '../../state/team-status-store';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function TeamOfflineBanner() {
  const status = useTeamStatusStore((s) => s.status);
  const cached = useTeamStatusStore((s) => s.cached);
  const away = status?.state === 'away' ? status : null;
  if (!away && !cached) return null;
  const since = away?.since ?? cached?.since ?? null;
  const waiting = away?.waiting ?? 0;
  return (
    <div className="banner banner-warn" role="status" data-testid="team-offline">
      Team library unreachable{since ? ` since ${time(since)}` : ''}: showing what you saw recently (cached)
      {waiting > 0 ? ` and ${waiting} image${waiting === 1 ? '' : 's'} made here since, waiting to move in` : ''}.
      Seedbank reconnects by itself.
    </div>
  );
}
