/**
 * Where the editors meet the composer (the editor itself opens in `EditorHost`, over the page): "Paint mask…" for a model with a mask slot and "Expand…" for
 * one with expand borders, both read from the catalog entry, enabled once the image is in its slot.
 */
import type { ModelSpec } from '../../../shared/models';
import { useComposerStore } from '../../state/composer-store';
import { expandLimits, maskSlots } from '../../../shared/models/editor-kinds';
import { useEditorStore } from '../../state/editor-store';

export function EditorButtons({ spec }: { spec: ModelSpec }) {
  const inputs = useComposerStore((s) => s.inputs);
  const setOpen = useEditorStore((s) => s.setOpen);
  const slots = maskSlots(spec);
  const limits = expandLimits(spec);
  const source = slots ? inputs[slots.image] : inputs[0];
  if (!slots && !limits) return null;
  const ready = Boolean(source?.url);
  // A mask of another size than its image is shown at the slots (the shared maskSizeProblem rule).

  return (
    <div className="editor-buttons">
      {slots && (
        <button type="button" disabled={!ready} onClick={() => setOpen('mask')}>
          {inputs[slots.mask] ? 'Repaint mask…' : 'Paint mask…'}
        </button>
      )}
      {limits && (
        <button type="button" disabled={!ready} onClick={() => setOpen('expand')}>
          Expand…
        </button>
      )}
      {!ready && <span className="hint">Add the image first.</span>}
    </div>
  );
}
