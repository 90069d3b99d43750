/**
 * The one modal shell: a backdrop that closes on click, a labelled dialog that does not, and its
 * title as the accessible name.
 */
import type { ReactNode } from 'react';

interface ModalProps {
  /** Used for the title's id, which labels the dialog. */
  id: string;
  title: ReactNode;
  onClose: () => void;
  /** `alertdialog` for a question that needs an answer (e.g. the cost confirmation). */
  role?: 'dialog' | 'alertdialog';
  wide?: boolean;
  children: ReactNode;
}

export function Modal({ id, title, onClose, role = 'dialog', wide = false, children }: ModalProps) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className={wide ? 'dialog wide' : 'dialog'}
        role={role}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
