/**
 * A store's changes as the contract's `library:changed` events (and `projects:changed` when the
 * project list changed), for a store whose changes do not
 * already go through the bus — the team store, where most changes come from other workstations.
 * (The embedded store emits on the bus itself; forwarding it would echo every event.) Rows are
 * read after the change arrives, one change after the other, so the events keep their order.
 */
import type { Generation } from '../../../../shared/types';
import type { EventBus } from '../../events';
import { isReload, type LibraryStore, type StoreChange } from './library-store';

export async function forwardChanges(store: LibraryStore, bus: EventBus): Promise<() => void> {
  let chain: Promise<void> = Promise.resolve();
  const read = async (ids: readonly string[]): Promise<Generation[]> =>
    (await Promise.all(ids.map((id) => store.getGeneration(id)))).filter((g): g is Generation => g !== null);
  const forward = async (change: StoreChange): Promise<void> => {
    if (change.projects) bus.emit('projects:changed', { projects: (await store.listProjects()).projects });
    // Every list empty is the contract's "reload": not sent for a change of projects alone.
    const named = change.added.length + change.changed.length + change.removed.length;
    if (named === 0 && !isReload(change)) return;
    const [added, updated] = await Promise.all([read(change.added), read(change.changed)]);
    bus.emit('library:changed', { added, updated, removed: [...change.removed] });
  };
  return store.onChange((change) => {
    // A failed read (the server went away) drops that event; the next change or reconnect reloads.
    chain = chain.then(() => forward(change)).catch(() => undefined);
  });
}
