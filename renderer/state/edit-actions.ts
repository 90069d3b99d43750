/**
 * Edit by instruction: the composer set up to change an image in words — an editing model (one
 * that takes reference images and a prompt: Kontext or FLUX.2, read from the catalog), the image
 * as the first reference, the prompt empty and focused. "Continue from this" is the same on a
 * result, keeping the model the result was made with. A library image can also go straight into
 * the mask painter or the expand editor.
 */
import { getModel, MODELS, type ModelSpec } from '../../shared/models';
import type { Generation } from '../../shared/types';
import { useComposerStore } from './composer-store';
import { useViewStore } from './view-store';
import { expandLimits, maskSlots } from '../../shared/models/editor-kinds';
import { useEditorStore, type EditorKind } from './editor-store';

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

/** The composer on `spec` with this image alone in the first slot, the detail view closed. */
async function startFrom(gen: Generation, spec: ModelSpec): Promise<boolean> {
  const composer = useComposerStore.getState();
  composer.setModel(spec.id);
  useComposerStore.setState({ inputs: [], prompt: '', historyIndex: null, slotMessage: null, error: null });
  useViewStore.getState().closeDetail();
  await useComposerStore.getState().addLibraryInput(gen.id, `${gen.id}.${gen.format}`);
  return useComposerStore.getState().inputs.length > 0;
}

export async function editImage(gen: Generation, continuing = false): Promise<void> {
  const spec = editingModelFor(gen, continuing);
  if (!spec) return;
  document.getElementById('composer-prompt')?.focus();
  await startFrom(gen, spec);
  // An edit keeps the source's shape: a model that can follow the input is told to.
  if (spec.size.kind === 'aspect' && spec.size.default === null)
    useComposerStore.getState().setParam('aspect_ratio', null);
}

/** Opens the mask painter or the expand editor on a library image, with the model the catalog gives. */
export async function openInEditor(gen: Generation, kind: EditorKind): Promise<void> {
  const spec = MODELS.find((m) => (kind === 'mask' ? maskSlots(m) !== null : expandLimits(m) !== null));
  if (!spec) return;
  if (await startFrom(gen, spec)) useEditorStore.getState().setOpen(kind);
}
