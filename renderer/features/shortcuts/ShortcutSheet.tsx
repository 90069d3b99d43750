import { useViewStore } from '../../state/view-store';
import { SHORTCUTS } from './shortcuts';
import { Modal } from '../../ui/Modal';

export function ShortcutSheet() {
  const close = () => useViewStore.getState().setShortcutsOpen(false);
  return (
    <Modal id="shortcuts" title="Keyboard shortcuts" onClose={close}>
      <table className="params">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
