/** One contract error, shown as a title, what to do, and a button when the UI can help. */
import { BFL_LINKS } from '../../shared/bfl-links';
import type { ErrorInfo } from '../../shared/errors';
import { useViewStore } from '../state/view-store';
import { describeError } from './error-text';
import { ExternalLink } from './ExternalLink';

export function ErrorNotice({
  error,
  onDismiss,
  onRetry,
}: {
  error: ErrorInfo;
  onDismiss?: () => void;
  onRetry?: () => void;
}) {
  const text = describeError(error);
  const openSettings = useViewStore((s) => s.openSettings);
  return (
    <div className="notice notice-error" role="alert" data-code={error.code}>
      <strong>{text.title}</strong>
      <span>{text.detail}</span>
      <div className="notice-actions">
        {text.action === 'settings' && (
          <button type="button" onClick={openSettings}>
            Open Settings
          </button>
        )}
        {text.action === 'credits' && <ExternalLink href={BFL_LINKS.dashboard}>Open the BFL dashboard</ExternalLink>}
        {(text.action === 'retry' || text.action === 'credits') && onRetry && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
        {onDismiss && (
          <button type="button" className="ghost" aria-label="Dismiss message" onClick={onDismiss}>
            ×
          </button>
        )}
      </div>
    </div>
  );
}
