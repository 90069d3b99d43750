/**
 * Edit by instruction: the composer set up to change an image in words — an editing model (one
 * that takes reference images and a prompt: Kontext or FLUX.2, read from the catalog), the image
 * as the first reference, the prompt empty and focused. "Continue from this" is the same on a
 * result, keeping the model the result was made with.
 */
import { getModel, MODELS, type ModelSpec } from '../../../shared/models';
import type { Generation } from '../../../shared/types';
import { useComposerStore } from '../../state/composer-store';
import { useViewStore } from '../../state/view-store';

export function isEditingModel(spec: ModelSpec): boolean {
  return (spec.family === 'flux-kontext' || spec.family === 'flux-2') && spec.images.max > 0 && spec.promptRequired;
}

/**
 * The model an edit uses: continuing a chain keeps the model of the step it continues (when that
 * model edits); a fresh edit uses the first Kontext model, the one made for editing.
 */
export function editingModelFor(gen: Generation, continuing: boolean): ModelSpec | null {
  const own = getModel(gen.model);
  if (continuing && own && isEditingModel(own)) return own;
  return MODELS.find((m) => m.family === 'flux-kontext' && isEditingModel(m)) ?? MODELS.find(isEditingModel) ?? null;
}

export async function editImage(gen: Generation, continuing = false): Promise<void> {
  const spec = editingModelFor(gen, continuing);
  if (!spec) return;
  const composer = useComposerStore.getState();
  composer.setModel(spec.id);
  // An edit keeps the source's shape: a model that can follow the input is told to.
  if (spec.size.kind === 'aspect' && spec.size.default === null) composer.setParam('aspect_ratio', null);
  useComposerStore.setState({ inputs: [], prompt: '', historyIndex: null, slotMessage: null, error: null });
  useViewStore.getState().closeDetail();
  document.getElementById('composer-prompt')?.focus();
  await useComposerStore.getState().addLibraryInput(gen.id, `${gen.id}.${gen.format}`);
}
