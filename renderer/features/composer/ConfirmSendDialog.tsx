/**
 * The question the core asked (CONFIRM_REQUIRED) before a batch is sent: an identical batch
 * ("4 identical images — did you mean +1 each run?", with stepping the seed as the default
 * answer), or a cost over the threshold in Settings. Only "Send …" re-sends with `confirmed`.
 */
import { useEffect, useRef } from 'react';
import { useComposerStore } from '../../state/composer-store';
import { formatCredits } from '../../ui/format';
import { Modal } from '../../ui/Modal';

/** The core's reason without its lead-in, as a sentence for the dialog. */
const reason = (message: string) =>
  message.replace(/^Confirm before sending:\s*/, '').replace(/^./, (c) => c.toUpperCase());

export function ConfirmSendDialog() {
  const pending = useComposerStore((s) => s.pendingConfirm);
  const submit = useComposerStore((s) => s.submit);
  const submitStepping = useComposerStore((s) => s.submitStepping);
  const cancel = useComposerStore((s) => s.cancelConfirm);
  const credits = useComposerStore((s) => (s.pendingConfirm ? s.estimate() : null));
  const defaultButton = useRef<HTMLButtonElement>(null);
  useEffect(() => defaultButton.current?.focus(), [pending]);
  if (!pending) return null;
  const cost = credits === null ? null : `${formatCredits(credits)} credits (≈ $${(credits / 100).toFixed(2)})`;

  if (pending.identical !== null) {
    const n = pending.identical;
    return (
      <Modal
        id="confirm-send"
        title={`${n} identical images — did you mean +1 each run?`}
        onClose={cancel}
        role="alertdialog"
      >
        <p>
          The seed is fixed, so all {n} requests are the same and each is paid for{cost ? `: ${cost} in all` : ''}. With
          “+1 each run” they get the seeds S, S+1, … instead.
        </p>
        <div className="dialog-actions">
          <button type="button" className="ghost" onClick={cancel}>
            Cancel
          </button>
          <button type="button" onClick={() => void submit({ confirmed: true })}>
            Send {n} identical
          </button>
          <button ref={defaultButton} type="button" className="primary" onClick={() => void submitStepping()}>
            +1 each run
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal id="confirm-send" title="Send this batch?" onClose={cancel} role="alertdialog">
      {cost && (
        <p>
          It is estimated at <strong>{cost}</strong>.
        </p>
      )}
      <p>{reason(pending.message)}</p>
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={cancel}>
          Cancel
        </button>
        <button ref={defaultButton} type="button" className="primary" onClick={() => void submit({ confirmed: true })}>
          Send anyway
        </button>
      </div>
    </Modal>
  );
}
