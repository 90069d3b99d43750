/**
 * Actions on library images, shared by the gallery, the bulk bar, the detail view and the
 * keyboard. Each reports failure as a message; success shows up through `library:changed`, and
 * each edit (favourite, rate, tag, move, trash) can be undone: Ctrl/⌘+Z or the toast's Undo.
 */
import type { Generation } from '../../shared/types';
import { sourceToolLabel } from '../../shared/source-tools';
import { seedbank } from '../platform/seedbank';
import { slotsFromInputs, useComposerStore } from './composer-store';
import { useLibraryStore } from './library-store';
import { useUndoStore, type UndoEntry } from './undo-store';
import { useViewStore } from './view-store';
import { openNeighbour } from './viewer-store';
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

/** What an image was just before an edit: what undo puts back. */
type Prior = Pick<Generation, 'id' | 'favorite' | 'rating' | 'projectId'>;
type TagPrior = Pick<Generation, 'id' | 'tags'>;

async function priorsOf(ids: readonly string[]): Promise<Prior[]> {
  const loaded = new Map(useLibraryStore.getState().items.map((g) => [g.id, g]));
  return Promise.all(ids.map(async (id) => loaded.get(id) ?? (await seedbank().library.get({ id })).generation));
}

/** Tags before a tag edit: gallery items carry no tags, so each whole record is asked for. */
function tagPriorsOf(ids: readonly string[]): Promise<TagPrior[]> {
  return Promise.all(ids.map(async (id) => (await seedbank().library.get({ id })).generation));
}

/** Ids grouped by one value of their prior state, so undo makes one call per distinct value. */
function groupBy<P extends { id: string }, K>(priors: readonly P[], key: (p: P) => K): Map<K, string[]> {
  const groups = new Map<K, string[]>();
  for (const p of priors) groups.set(key(p), [...(groups.get(key(p)) ?? []), p.id]);
  return groups;
}

async function runUndo(entry: UndoEntry): Promise<void> {
  await attempt(entry.undo, () => `Undone: ${entry.label}`);
}

/** Ctrl/⌘+Z: undoes the newest library edit. */
export async function undoLast(): Promise<void> {
  const entry = useUndoStore.getState().pop();
  if (!entry) useViewStore.getState().showToast('Nothing to undo');
  else await runUndo(entry);
}

/** Records how to undo an edit that just succeeded, and says what was done with an Undo button. */
function done(label: string, undo: () => Promise<unknown>): void {
  const entry: UndoEntry = { label, undo };
  useUndoStore.getState().push(entry);
  useViewStore.getState().showToast(label, undefined, {
    label: 'Undo',
    run: () => {
      // Only if it was not undone already (Ctrl/⌘+Z while the toast was up).
      if (useUndoStore.getState().remove(entry)) void runUndo(entry);
    },
  });
}

export async function favorite(ids: string[], value: boolean) {
  const priors = await attempt(() => priorsOf(ids));
  if (!priors) return null;
  const result = await attempt(() => seedbank().library.favorite({ ids, favorite: value }));
  if (result) {
    done(`${value ? 'Favourited' : 'Unfavourited'} ${plural(ids.length, 'image')}`, () =>
      Promise.all(
        [...groupBy(priors, (p) => p.favorite)].map(([was, group]) =>
          seedbank().library.favorite({ ids: group, favorite: was }),
        ),
      ),
    );
  }
  return result;
}

export async function rate(ids: string[], rating: number) {
  const priors = await attempt(() => priorsOf(ids));
  if (!priors) return null;
  const result = await attempt(() => seedbank().library.rate({ ids, rating }));
  if (result) {
    done(
      rating === 0
        ? `Cleared the rating of ${plural(ids.length, 'image')}`
        : `Rated ${plural(ids.length, 'image')} ${'★'.repeat(rating)}`,
      () =>
        Promise.all(
          [...groupBy(priors, (p) => p.rating)].map(([was, group]) =>
            seedbank().library.rate({ ids: group, rating: was }),
          ),
        ),
    );
  }
  return result;
}

export async function tag(ids: string[], add: string[], remove: string[] = []) {
  const priors = await attempt(() => tagPriorsOf(ids));
  if (!priors) return null;
  const result = await attempt(() => seedbank().library.tag({ ids, add, remove }));
  if (result) {
    void useLibraryStore.getState().refreshTags();
    // Per image: take away only the tags it did not have, give back only those it had.
    const inverse = (p: TagPrior) =>
      JSON.stringify([remove.filter((t) => p.tags.includes(t)), add.filter((t) => !p.tags.includes(t))]);
    const label =
      add.length > 0
        ? `Tagged ${plural(ids.length, 'image')} “${add.join(', ')}”`
        : `Removed tag “${remove.join(', ')}”`;
    done(label, async () => {
      for (const [key, group] of groupBy(priors, inverse)) {
        const [addBack, removeAgain] = JSON.parse(key) as [string[], string[]];
        if (addBack.length + removeAgain.length > 0) {
          await seedbank().library.tag({ ids: group, add: addBack, remove: removeAgain });
        }
      }
      await useLibraryStore.getState().refreshTags();
    });
  }
  return result;
}

export async function move(ids: string[], projectId: string | null) {
  const priors = await attempt(() => priorsOf(ids));
  if (!priors) return null;
  const result = await attempt(() => seedbank().library.move({ ids, projectId }));
  if (result) {
    done(`Moved ${plural(result.updated, 'image')}`, () =>
      Promise.all(
        [...groupBy(priors, (p) => p.projectId)].map(([was, group]) =>
          seedbank().library.move({ ids: group, projectId: was }),
        ),
      ),
    );
  }
  return result;
}

export async function trash(ids: string[]) {
  const result = await attempt(() => seedbank().library.trash({ ids }));
  // The core moves only Seedbank's own files: an image indexed in a watched folder is left where
  // it is (it leaves the library with its folder), so say so instead of a silent nothing.
  const kept = result ? ids.length - result.trashed : 0;
  if (result && result.trashed === 0) {
    useViewStore
      .getState()
      .showToast(
        kept === 1
          ? 'This image stays in its watched folder: remove the folder in Settings to take its images out'
          : `These ${kept} images stay in their watched folders: remove a folder in Settings to take its images out`,
      );
    return result;
  }
  if (result) {
    const view = useViewStore.getState();
    // The viewer moves on to the image that takes its place (Lightroom's Loupe does the same);
    // it closes when there is none.
    if (view.detailId && ids.includes(view.detailId) && !openNeighbour(1) && !openNeighbour(-1)) view.closeDetail();
    const stayed = kept > 0 ? ` (${plural(kept, 'image')} in watched folders stayed)` : '';
    done(`Moved ${plural(result.trashed, 'image')} to the Trash${stayed}`, () => seedbank().library.restore({ ids }));
  }
  return result;
}
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
export async function chooseFolder(
  purpose: 'import' | 'export' | 'watch' | 'team',
): Promise<{ handle: string | null; name: string | null } | 'typed'> {
  try {
    return await seedbank().dialog.chooseFolder({ purpose });
  } catch (err) {
    if (errorInfoOf(err).code === 'NOT_FOUND') return 'typed';
    useViewStore.getState().showToast(describeError(errorInfoOf(err)).title, errorInfoOf(err));
    return { handle: null, name: null };
  }
}

/** Reuse every parameter of an image (model, prompt, size, seed, references) in the composer. */
export async function reuseAll(gen: Generation): Promise<void> {
  const detail = await attempt(() => seedbank().library.get({ id: gen.id }));
  const references = slotsFromInputs((detail?.references ?? []).map(({ input }) => input));
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
