/**
 * The model picker, built from the catalog in `shared/models`. A switch to a model that takes
 * fewer reference images says which ones it removed, and Undo brings back the model, its fields
 * and the images — the drop is never silent (the slots may not even be shown for the new model).
 */
import { useState } from 'react';
import { MODELS } from '../../../shared/models';
import { useComposerStore, type Slot } from '../../state/composer-store';
import { modelOrDefault } from '../../state/composer-params';

interface Dropped {
  previous: { model: string; params: Record<string, unknown>; inputs: Slot[] };
  removed: Slot[];
  model: string;
}

export function ModelPicker() {
  const model = useComposerStore((s) => s.model);
  const setModel = useComposerStore((s) => s.setModel);
  const [dropped, setDropped] = useState<Dropped | null>(null);
  const spec = modelOrDefault(model);

  const choose = (id: string) => {
    const before = useComposerStore.getState();
    const previous = { model: before.model, params: before.params, inputs: before.inputs };
    setModel(id);
    const after = useComposerStore.getState();
    const removed = previous.inputs.filter((slot) => !after.inputs.some((kept) => kept.hash === slot.hash));
    setDropped(removed.length > 0 ? { previous, removed, model: after.model } : null);
  };
  const undo = () => {
    if (!dropped) return;
    setModel(dropped.previous.model);
    useComposerStore.setState({ params: dropped.previous.params, inputs: dropped.previous.inputs });
    setDropped(null);
  };

  return (
    <div className="field">
      <label htmlFor="composer-model">Model</label>
      <select id="composer-model" value={model} onChange={(e) => choose(e.target.value)}>
        {MODELS.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      <span className="hint">{spec.description}</span>
      {dropped && dropped.model === model && (
        <p className="notice notice-warn" role="status" data-testid="references-dropped">
          <span>
            {spec.label} takes {spec.images.max === 0 ? 'no' : `at most ${spec.images.max}`} reference image
            {spec.images.max === 1 ? '' : 's'}: removed {dropped.removed.map((s) => s.name).join(', ')}.
          </span>
          <span className="notice-actions">
            <button type="button" onClick={undo}>
              Undo
            </button>
            <button type="button" className="ghost" aria-label="Dismiss message" onClick={() => setDropped(null)}>
              ×
            </button>
          </span>
        </p>
      )}
    </div>
  );
}
