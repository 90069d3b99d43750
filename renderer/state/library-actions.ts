/**
 * Actions on library images, shared by the gallery, the bulk bar, the detail view and the
 * keyboard. Each reports failure as a message; success shows up through `library:changed`.
 */
import type { Generation } from '../../shared/types';
import { sourceToolLabel } from '../../shared/source-tools';
import { seedbank } from '../platform/seedbank';
import { useComposerStore } from './composer-store';
import { useLibraryStore } from './library-store';
import { useViewStore } from './view-store';
import { describeError, errorInfoOf } from '../ui/error-text';

async function attempt<T>(work: () => Promise<T>, done?: (result: T) => string | null): Promise<T | null> {
  try {
    const result = await work();
    const text = done?.(result);
    if (text) useViewStore.getState().showToast(text);
    return result;
  } catch (err) {
    const info = errorInfoOf(err);
    useViewStore.getState().showToast(describeError(info).title, info);
    return null;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const favorite = (ids: string[], value: boolean) =>
  attempt(() => seedbank().library.favorite({ ids, favorite: value }));
export const rate = (ids: string[], rating: number) => attempt(() => seedbank().library.rate({ ids, rating }));
export const tag = (ids: string[], add: string[], remove: string[] = []) =>
  attempt(
    () => seedbank().library.tag({ ids, add, remove }),
    () => {
      void useLibraryStore.getState().refreshTags();
      return null;
    },
  );
export const move = (ids: string[], projectId: string | null) =>
  attempt(
    () => seedbank().library.move({ ids, projectId }),
    (r) => `Moved ${plural(r.updated, 'image')}`,
  );
export const trash = (ids: string[]) =>
  attempt(
    () => seedbank().library.trash({ ids }),
    (r) => {
      const view = useViewStore.getState();
      if (view.detailId && ids.includes(view.detailId)) view.closeDetail();
      return `Moved ${plural(r.trashed, 'image')} to the Trash`;
    },
  );
export const restore = (ids: string[]) =>
  attempt(
    () => seedbank().library.restore({ ids }),
    (r) => `Restored ${plural(r.restored, 'image')}`,
  );
export const emptyTrash = () =>
  attempt(
    () => seedbank().library.emptyTrash(),
    (r) => `Deleted ${plural(r.deleted, 'image')} for good`,
  );
/**
 * The app asks main for a folder (the OS dialog; the page gets only a handle for it); the browser
 * host has no dialog, so `typed` tells the caller to ask for a path instead.
 */
export async function chooseFolder(purpose: 'import' | 'export'): Promise<{ handle: string | null } | 'typed'> {
  try {
    return await seedbank().dialog.chooseFolder({ purpose });
  } catch (err) {
    if (errorInfoOf(err).code === 'NOT_FOUND') return 'typed';
    useViewStore.getState().showToast(describeError(errorInfoOf(err)).title, errorInfoOf(err));
    return { handle: null };
  }
}

/** `destination`: a handle from `chooseFolder`, or a typed full path in the browser host. */
export const exportImages = (ids: string[], destination: string) =>
  attempt(
    () => seedbank().library.export({ ids, destination }),
    (r) => r.message,
  );

/** Reuse every parameter of an image (model, prompt, size, seed, references) in the composer. */
export async function reuseAll(gen: Generation): Promise<void> {
  const detail = await attempt(() => seedbank().library.get({ id: gen.id }));
  const references = (detail?.references ?? []).map(({ input }, i) => ({
    hash: input.hash,
    url: input.url,
    name: `Reference ${i + 1}`,
    width: input.width,
    height: input.height,
    bytes: input.bytes,
  }));
  if (gen.source) {
    reuseForeign(gen, gen.source.tool);
    return;
  }
  useComposerStore
    .getState()
    .reuse({ model: gen.model, prompt: gen.prompt, params: gen.params, seed: gen.seed, references });
  useViewStore.getState().showToast('Parameters copied to the composer');
}

/**
 * An image another tool made: what FLUX can use (prompt, seed, size) goes to the composer, on
 * the model already chosen there; the toast says what cannot come along.
 */
export function reuseForeign(
  values: { prompt: string; seed: number | null; width: number | null; height: number | null; model: string },
  tool: string,
): void {
  const composer = useComposerStore.getState();
  const params: Record<string, unknown> = {};
  if (values.width !== null && values.height !== null)
    Object.assign(params, { width: values.width, height: values.height });
  composer.reuse({ model: composer.model, prompt: values.prompt, params, seed: values.seed, references: [] });
  const model = values.model ? ` and its model (${values.model})` : '';
  useViewStore
    .getState()
    .showToast(`Prompt, seed and size copied; ${sourceToolLabel(tool)}'s sampler, steps${model} do not apply to FLUX`);
}

export function reuseSeed(gen: Generation): void {
  if (gen.seed === null) return;
  useComposerStore.getState().lockSeed(gen.seed);
  useViewStore.getState().showToast(`Seed ${gen.seed} locked in the composer`);
}

export async function addAsReference(gen: Generation): Promise<void> {
  await useComposerStore.getState().addLibraryInput(gen.id, `${gen.id}.${gen.format}`);
}

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Electron denies the clipboard permission to the page: main copies instead.
    const ok = await attempt(() => seedbank().shell.copyText({ text }));
    if (!ok) return;
  }
  useViewStore.getState().showToast('Copied');
}
