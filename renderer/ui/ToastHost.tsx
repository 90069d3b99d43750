/** The one passing message (confirmations fade; errors stay until dismissed). */
import { useViewStore } from '../state/view-store';
import { ErrorNotice } from './ErrorNotice';

export function ToastHost() {
  const toast = useViewStore((s) => s.toast);
  const dismiss = useViewStore((s) => s.dismissToast);
  if (!toast) return null;
  return (
    <div className="toast-host">
      {toast.error ? (
        <ErrorNotice error={toast.error} onDismiss={dismiss} />
      ) : (
        <div className="toast" role="status">
          {toast.text}
          {toast.action && (
            <button
              type="button"
              className="link toast-action"
              onClick={() => {
                dismiss();
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
