/** Says so when BFL cannot be reached (`network:changed`) or the host connection is lost. */
import { useJobsStore } from '../../state/jobs-store';

export function ConnectionBanner() {
  const online = useJobsStore((s) => s.online);
  const hostConnected = useJobsStore((s) => s.hostConnected);
  if (!hostConnected) {
    return (
      <div className="banner banner-error" role="status">
        Lost the connection to Seedbank. Reconnecting…
      </div>
    );
  }
  if (!online) {
    return (
      <div className="banner banner-warn" role="status">
        Offline: BFL cannot be reached. Queued jobs wait and start by themselves when the network is back.
      </div>
    );
  }
  return null;
}
