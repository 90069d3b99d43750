/**
 * Live updates between workstations: two team stores on one database (as two workstations), a
 * change by one reaches the other through LISTEN/NOTIFY — awaited as an event, never slept for.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../shared/types';
import { EventBus } from '../../electron/core/events';
import { forwardChanges } from '../../electron/core/library/store/change-events';
import type { StoreChange } from '../../electron/core/library/store/library-store';
import type { TeamLibraryStore } from '../../electron/core/library/team/team-store';
import { makeRecord } from '../support/library-test-kit';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { entryOf, makeTeamLibrary, openTeamStore, type OpenStore } from '../support/store-test-kit';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

let opened: OpenStore[] = [];
afterEach(async () => {
  await Promise.all(opened.map((o) => o.close()));
  opened = [];
});

async function twoWorkstations(): Promise<[OpenStore, OpenStore]> {
  const library = await makeTeamLibrary(server);
  const one = await openTeamStore(library);
  const two = await openTeamStore(library);
  opened.push(one, two);
  return [one, two];
}

/** Listens on `store` (resolves once listening); `change` resolves with the first change that `matches`. */
async function firstChange(
  store: OpenStore['store'],
  matches: (change: StoreChange) => boolean,
): Promise<{ change: Promise<StoreChange> }> {
  let found!: (change: StoreChange) => void;
  const change = new Promise<StoreChange>((resolve) => (found = resolve));
  const stop = await store.onChange((c) => {
    if (!matches(c)) return;
    stop();
    found(c);
  });
  return { change };
}

describe('live updates between workstations', () => {
  it('a rating on one workstation reaches the other within 1 s, and the other reads it', async () => {
    const [one, two] = await twoWorkstations();
    const record = makeRecord();
    await one.store.addGeneration(entryOf(record));
    const { change } = await firstChange(two.store, (c) => c.changed.includes(record.id));
    await one.store.rate([record.id], 5);
    // The bound for "live" (NOTIFY arrives in milliseconds; the bound only catches a feed that never comes).
    const bound = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the other workstation heard nothing within 1 s')), 1_000).unref(),
    );
    expect((await Promise.race([change, bound])).changed).toContain(record.id);
    expect((await two.store.getGeneration(record.id))?.rating).toBe(5);
  });

  it('a new image, a tag and a trash by one are each heard by the other', async () => {
    const [one, two] = await twoWorkstations();
    const record = makeRecord();
    const heard: StoreChange[] = [];
    let wake: () => void = () => undefined;
    const stop = await two.store.onChange((c) => {
      heard.push(c);
      wake();
    });
    const seen = async (): Promise<void> => {
      while (!heard.some((c) => [...c.added, ...c.changed].includes(record.id)))
        await new Promise<void>((resolve) => (wake = resolve));
      heard.length = 0;
    };
    await one.store.addGeneration(entryOf(record, one.folder));
    await seen();
    await one.store.tag([record.id], ['Shared'], []);
    await seen();
    expect((await two.store.getGeneration(record.id))?.tags).toEqual(['Shared']);
    await one.store.trash([record.id]);
    await seen();
    expect((await two.store.getGeneration(record.id))?.trashed).toBe(true);
    stop();
  });

  it("the other workstation's library:changed events carry the new image, then its rating, then its removal", async () => {
    const [one, two] = await twoWorkstations();
    const bus = new EventBus();
    const events: { added: Generation[]; updated: Generation[]; removed: string[] }[] = [];
    let wake: () => void = () => undefined;
    bus.subscribe((channel, payload) => {
      if (channel !== 'library:changed') return;
      events.push(payload as (typeof events)[number]);
      wake();
    });
    const stop = await forwardChanges(two.store, bus);
    const next = async () => {
      while (events.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      return events.shift()!;
    };
    const record = makeRecord({ prompt: 'made on workstation one' });
    await one.store.addGeneration(entryOf(record, one.folder));
    const added = await next();
    expect(added.added.map((g) => [g.id, g.prompt])).toEqual([[record.id, 'made on workstation one']]);
    expect(added.updated).toEqual([]);
    await one.store.rate([record.id], 4);
    const rated = await next();
    expect(rated.added).toEqual([]);
    expect(rated.updated.map((g) => [g.id, g.rating])).toEqual([[record.id, 4]]);
    await one.store.trash([record.id]);
    await (one.store as TeamLibraryStore).emptyTrash();
    const removal = await next();
    const gone = removal.removed.length > 0 ? removal : await next();
    expect(gone.removed).toEqual([record.id]);
    stop();
  });

  it('after the server was down a while and up again, listeners are told to reload and hear changes again', async () => {
    const library = await makeTeamLibrary(server);
    const troubles: string[] = [];
    let troubled: () => void = () => undefined;
    const one = await openTeamStore(library);
    const two = await openTeamStore(library, (message) => {
      troubles.push(message);
      troubled();
    });
    opened.push(one, two);
    const record = makeRecord();
    await one.store.addGeneration(entryOf(record));
    const heard: StoreChange[] = [];
    let wake: () => void = () => undefined;
    const stop = await two.store.onChange((c) => {
      heard.push(c);
      wake();
    });
    const until = async (matches: (c: StoreChange) => boolean): Promise<void> => {
      while (!heard.some(matches)) await new Promise<void>((resolve) => (wake = resolve));
    };
    await server.down();
    // Down long enough for a reconnect attempt to fail too: the feed must keep trying.
    while (!troubles.some((m) => m.includes('still unreachable'))) await new Promise<void>((r) => (troubled = r));
    expect(troubles.some((m) => m.includes('Live updates from the team database stopped'))).toBe(true);
    await server.up();
    await until((c) => c.added.length === 0 && c.changed.length === 0 && c.removed.length === 0);
    await one.store.rate([record.id], 3);
    await until((c) => c.changed.includes(record.id));
    expect((await two.store.getGeneration(record.id))?.rating).toBe(3);
    stop();
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const [one, two] = await twoWorkstations();
    const record = makeRecord();
    await one.store.addGeneration(entryOf(record));
    const late: StoreChange[] = [];
    const stop = await two.store.onChange((c) => late.push(c));
    stop();
    // A second listener proves the change did arrive; the first must not have heard it.
    const { change: arrived } = await firstChange(two.store, (c) => c.changed.includes(record.id));
    await one.store.rate([record.id], 2);
    await arrived;
    expect(late).toEqual([]);
  });
});
