/**
 * Puts a painted mask into the composer's mask slot through the ordinary inputs channel, so the core
 * checks it, keeps it in `inputs/` by hash and the job records it like any other reference.
 */
import { seedbank } from '../../platform/seedbank';
import { useComposerStore, withSlots, type Slot } from '../../state/composer-store';
import type { MaskSlots } from '../../../shared/models/editor-kinds';

export async function attachMask(slots: MaskSlots, pngBase64: string): Promise<void> {
  const stored = await seedbank().inputs.add({ name: 'mask.png', dataBase64: pngBase64 });
  const slot: Slot = {
    hash: stored.hash,
    url: stored.url,
    name: 'Painted mask',
    width: stored.width,
    height: stored.height,
    bytes: stored.bytes,
  };
  const inputs = [...useComposerStore.getState().inputs];
  // The image slot comes first, so the mask slot is either the next free one or being replaced.
  if (inputs.length < slots.mask) throw new Error('Add the image to edit before its mask');
  inputs[slots.mask] = slot;
  useComposerStore.setState(withSlots(useComposerStore.getState(), inputs));
}
