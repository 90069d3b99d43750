/**
 * The open editor, over everything: the mask painter or the expand editor on the composer's image.
 * Mounted once by the App (not inside the composer's form, so Enter in an editor field never sends
 * the request); the composer's buttons and the detail view open it through the editor store.
 */
import { expandLimits, maskSlots } from '../../../shared/models/editor-kinds';
import { modelOrDefault } from '../../state/composer-params';
import { useComposerStore } from '../../state/composer-store';
import { useEditorStore } from '../../state/editor-store';
import { attachMask } from './attach-mask';
import { ExpandEditor } from './ExpandEditor';
import { MaskPainter } from './MaskPainter';

export function EditorHost() {
  const open = useEditorStore((s) => s.open);
  const setOpen = useEditorStore((s) => s.setOpen);
  const model = useComposerStore((s) => s.model);
  const inputs = useComposerStore((s) => s.inputs);
  if (!open) return null;
  const spec = modelOrDefault(model);
  const slots = maskSlots(spec);
  const limits = expandLimits(spec);
  const source = slots ? inputs[slots.image] : inputs[0];
  if (!source?.url) return null;
  if (open === 'mask' && slots) {
    return (
      <MaskPainter
        imageUrl={source.url}
        imageHash={source.hash}
        imageName={source.name}
        onCancel={() => setOpen(null)}
        onApply={async (png) => {
          await attachMask(slots, png);
          setOpen(null);
        }}
      />
    );
  }
  if (open === 'expand' && limits) {
    return <ExpandEditor imageUrl={source.url} imageName={source.name} limits={limits} onClose={() => setOpen(null)} />;
  }
  return null;
}
