/** Asks before sending a batch whose estimate passes the threshold set in Settings. */
import { useEffect, useRef } from 'react';
import { useComposerStore } from '../../state/composer-store';
import { useSettingsStore } from '../../state/settings-store';
import { formatCredits } from '../../ui/format';
import { Modal } from '../../ui/Modal';

export function ConfirmCostDialog() {
  const pending = useComposerStore((s) => s.pendingConfirm);
  const submit = useComposerStore((s) => s.submit);
  const cancel = useComposerStore((s) => s.cancelConfirm);
  const threshold = useSettingsStore((s) => s.view?.settings.costConfirmThreshold ?? 0);
  const sendButton = useRef<HTMLButtonElement>(null);
  useEffect(() => sendButton.current?.focus(), [pending]);
  if (!pending) return null;
  return (
    <Modal id="confirm-cost" title="Send this batch?" onClose={cancel} role="alertdialog">
      <p>
        It is estimated at <strong>{formatCredits(pending.credits)} credits</strong> (≈ $
        {(pending.credits / 100).toFixed(2)}), above your threshold of {formatCredits(threshold)} credits.
      </p>
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={cancel}>
          Cancel
        </button>
        <button ref={sendButton} type="button" className="primary" onClick={() => void submit({ confirmed: true })}>
          Send anyway
        </button>
      </div>
    </Modal>
  );
}
