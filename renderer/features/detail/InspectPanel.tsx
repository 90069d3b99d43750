/** A dropped image file's embedded record (Seedbank's, or what another tool wrote), with the offer to reuse its parameters. */
import { getModel } from '../../../shared/models';
import { useComposerStore } from '../../state/composer-store';
import { reuseForeign } from '../../state/library-actions';
import { useViewStore } from '../../state/view-store';
import { Modal } from '../../ui/Modal';
import { MadeWith } from './MadeWith';

export function InspectPanel() {
  const inspected = useViewStore((s) => s.inspected);
  const close = () => useViewStore.getState().showInspected(null);
  if (!inspected) return null;
  const { record, fileName } = inspected;

  const reuse = () => {
    if (!record) return;
    if (record.source) {
      reuseForeign(record, record.source.tool);
      close();
      return;
    }
    useComposerStore.getState().reuse({
      model: record.model,
      prompt: record.prompt,
      params: record.params,
      seed: record.seed,
      // Only hashes travel in the file; the images themselves may not be in this library.
      references: [],
    });
    useViewStore.getState().showToast('Parameters copied to the composer');
    close();
  };

  return (
    <Modal id="inspect" title={fileName} onClose={close} wide>
      {record ? (
        <>
          <p className="detail-prompt">{record.prompt}</p>
          {record.source && (
            <MadeWith source={{ ...record.source, hasWorkflow: record.source.workflow !== undefined }} />
          )}
          <table className="params">
            <tbody>
              <tr>
                <th scope="row">Model</th>
                <td>{getModel(record.model)?.label ?? record.model}</td>
              </tr>
              <tr>
                <th scope="row">Seed</th>
                <td>{record.seed ?? '—'}</td>
              </tr>
              <tr>
                <th scope="row">Size</th>
                <td>{record.width && record.height ? `${record.width} × ${record.height}` : '—'}</td>
              </tr>
              {Object.entries(record.params).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{typeof v === 'string' ? v : JSON.stringify(v)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Created</th>
                <td>{new Date(record.createdAt).toLocaleString()}</td>
              </tr>
            </tbody>
          </table>
          {record.inputs.length > 0 && (
            <p className="hint">It used {record.inputs.length} reference image(s), which are not copied.</p>
          )}
        </>
      ) : (
        <p>
          This file carries no recipe Seedbank can read (its own, AUTOMATIC1111/Forge, ComfyUI, InvokeAI, Fooocus), or
          its metadata was stripped.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={close}>
          Close
        </button>
        {record && (
          <button type="button" className="primary" onClick={reuse}>
            Reuse these parameters
          </button>
        )}
      </div>
    </Modal>
  );
}
