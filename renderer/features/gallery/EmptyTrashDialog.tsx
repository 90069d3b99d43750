/**
 * Emptying the Trash is the one library action that cannot be undone in the app: ask first, and
 * say where the files go (the system trash, where they can still be recovered) and what is lost
 * (the library's records of them). Spend is not affected: it comes from the spend ledger.
 */
import { useEffect, useRef } from 'react';
import { Modal } from '../../ui/Modal';

export function EmptyTrashDialog({
  count,
  onConfirm,
  onClose,
}: {
  count: number;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const cancelButton = useRef<HTMLButtonElement>(null);
  // The safe answer has the focus: Enter by habit keeps the images.
  useEffect(() => cancelButton.current?.focus(), []);
  return (
    <Modal id="empty-trash" title="Empty the Trash?" onClose={onClose} role="alertdialog">
      <p>
        {count === 1 ? 'The image' : `All ${count} images`} in the Trash will leave the library. The files go to the
        system trash, where you can still recover them; their ratings, tags and lineage in Seedbank cannot be undone.
      </p>
      <p className="hint">What they cost stays in Settings → Spend.</p>
      <div className="dialog-actions">
        <button ref={cancelButton} type="button" className="ghost" onClick={onClose}>
          Keep them
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Empty Trash
        </button>
      </div>
    </Modal>
  );
}
