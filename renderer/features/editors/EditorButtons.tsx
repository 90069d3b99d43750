/**
 * Where the editors meet the composer: "Paint mask…" for a model with a mask slot and "Expand…" for
 * one with expand borders, both read from the catalog entry, enabled once the image is in its slot.
 */
import { createPortal } from 'react-dom';
import type { ModelSpec } from '../../../shared/models';
import { useComposerStore } from '../../state/composer-store';
import { attachMask } from './attach-mask';
import { expandLimits, maskSlots } from './editor-kinds';
import { useEditorStore } from './editor-store';
import { ExpandEditor } from './ExpandEditor';
import { MaskPainter } from './MaskPainter';

export function EditorButtons({ spec }: { spec: ModelSpec }) {
  const inputs = useComposerStore((s) => s.inputs);
  const open = useEditorStore((s) => s.open);
  const setOpen = useEditorStore((s) => s.setOpen);
  const slots = maskSlots(spec);
  const limits = expandLimits(spec);
  const source = slots ? inputs[slots.image] : inputs[0];
  if (!slots && !limits) return null;
  const ready = Boolean(source?.url);
  // Fill needs the mask at the image's size: one painted for an image since replaced no longer fits.
  const mask = slots ? inputs[slots.mask] : undefined;
  const mismatch =
    source?.width && source.height && mask?.width && mask.height
      ? mask.width !== source.width || mask.height !== source.height
        ? `The mask is ${mask.width}×${mask.height} but the image is ${source.width}×${source.height}: repaint it.`
        : null
      : null;

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
      {mismatch && (
        <span className="hint adjusted" role="status">
          {mismatch}
        </span>
      )}
      {/* Portalled out of the composer's form: Enter in an editor field must not send the request. */}
      {open === 'mask' &&
        slots &&
        source?.url &&
        createPortal(
          <MaskPainter
            imageUrl={source.url}
            imageName={source.name}
            onCancel={() => setOpen(null)}
            onApply={async (png) => {
              await attachMask(slots, png);
              setOpen(null);
            }}
          />,
          document.body,
        )}
      {open === 'expand' &&
        limits &&
        source?.url &&
        createPortal(
          <ExpandEditor imageUrl={source.url} imageName={source.name} limits={limits} onClose={() => setOpen(null)} />,
          document.body,
        )}
    </div>
  );
}
