/** The model picker, built from the catalog in `shared/models`. */
import { MODELS } from '../../../shared/models';
import { useComposerStore } from '../../state/composer-store';
import { modelOrDefault } from '../../state/composer-params';

export function ModelPicker() {
  const model = useComposerStore((s) => s.model);
  const setModel = useComposerStore((s) => s.setModel);
  const spec = modelOrDefault(model);
  return (
    <div className="field">
      <label htmlFor="composer-model">Model</label>
      <select id="composer-model" value={model} onChange={(e) => setModel(e.target.value)}>
        {MODELS.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      <span className="hint">{spec.description}</span>
    </div>
  );
}
