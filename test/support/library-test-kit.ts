/**
 * Test-only: a real library in a temporary folder (real SQLite file, real image files made
 * with sharp), a context with a recording event bus, and records to add. Nothing in the app
 * imports this file.
 */
import sharp from 'sharp';
import type { EventChannel } from '../../shared/api';
import type { EmbeddedRecord, OutputFormat, Settings } from '../../shared/types';
import type { CoreContext } from '../../electron/core/context';
import { EventBus } from '../../electron/core/events';
import { newId } from '../../electron/core/ids';
import { silentLogger } from '../../electron/core/logging/logger';
import { appPaths } from '../../electron/core/paths';
import { openDatabase } from '../../electron/core/library/db/database';
import { Library, type LibraryOptions } from '../../electron/core/library/library';
import type { StoredWatchedFolder } from '../../electron/core/settings/watch-list';
import { makeTempDir } from './temp';

export interface TestLibrary {
  ctx: CoreContext;
  library: Library;
  events: { channel: EventChannel; payload: unknown }[];
  home: string;
  /** Advances the test clock. */
  clock: { now: Date };
  close(): Promise<void>;
}

export function tempHome(prefix = 'seedbank-library-'): string {
  return makeTempDir(prefix);
}

export function testContext(
  home: string,
  clock: { now: Date } = { now: new Date('2026-11-03T12:00:00.000Z') },
): CoreContext {
  const paths = appPaths(home);
  const settings = {} as Settings;
  let watchList: StoredWatchedFolder[] = [];
  return {
    paths,
    logger: silentLogger,
    bus: new EventBus(),
    settings: {
      get: () => settings,
      update: () => settings,
      notice: null,
      apiBase: () => 'http://127.0.0.1:0',
      apiBaseFromEnvironment: false,
      watchList: () => structuredClone(watchList),
      setWatchList: (list) => {
        watchList = structuredClone([...list]);
      },
    },
    keys: {
      getKey: async () => null,
      status: async () => ({ hasKey: false, last4: null, source: null, keychainAvailable: false, message: null }),
      set: async () => {
        throw new Error('no keychain in library tests');
      },
      clear: async () => ({ hasKey: false, last4: null, source: null, keychainAvailable: false, message: null }),
    },
    db: openDatabase(paths.database),
    fetch: async () => {
      throw new Error('no network in library tests');
    },
    now: () => clock.now,
    assetUrl: (relativePath) => `asset://lib/${relativePath}`,
    ownerId: 'test',
    version: '0.0.0-test',
  };
}

export async function openTestLibrary(home = tempHome(), options: LibraryOptions = {}): Promise<TestLibrary> {
  const clock = { now: new Date('2026-11-03T12:00:00.000Z') };
  const ctx = testContext(home, clock);
  const events: TestLibrary['events'] = [];
  ctx.bus.subscribe((channel, payload) => events.push({ channel, payload }));
  const library = new Library(ctx, { backgroundMaintenance: false, ...options });
  await library.start();
  return {
    ctx,
    library,
    events,
    home,
    clock,
    async close() {
      await library.close();
      ctx.db.close();
    },
  };
}

/** A real image with non-flat pixels, so encoders and thumbnails do real work. */
export async function makeImageBytes(
  format: OutputFormat = 'jpeg',
  width = 64,
  height = 48,
  seed = 1,
): Promise<Uint8Array> {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + seed * 97 + ((i / 3 / width) | 0) * 7) % 256;
  const image = sharp(data, { raw: { width, height, channels: 3 } });
  const out =
    format === 'jpeg' ? image.jpeg({ quality: 85 }) : format === 'png' ? image.png() : image.webp({ quality: 80 });
  return new Uint8Array(await out.toBuffer());
}

export function makeRecord(overrides: Partial<EmbeddedRecord> = {}): EmbeddedRecord {
  return {
    version: 1,
    id: newId(),
    model: 'flux-2-pro',
    prompt: 'an astronaut tending a moss garden',
    upsampledPrompt: 'A detailed photograph of an astronaut tending a lush moss garden',
    seed: 42,
    width: 64,
    height: 48,
    format: 'jpeg',
    params: { seed: 42, aspect_ratio: '4:3', output_format: 'jpeg', safety_tolerance: 2 },
    inputs: [],
    taskId: `task-${Math.random().toString(36).slice(2)}`,
    cost: 0.04,
    createdAt: '2026-11-03T12:00:00.000Z',
    submittedAt: '2026-11-03T11:59:50.000Z',
    finishedAt: '2026-11-03T12:00:00.000Z',
    projectName: null,
    favorite: false,
    rating: 0,
    tags: [],
    ...overrides,
  };
}

/** Adds `count` images with createdAt one minute apart (oldest first); returns their ids. */
export async function addImages(
  t: TestLibrary,
  count: number,
  overrides: (i: number) => Partial<EmbeddedRecord> = () => ({}),
): Promise<string[]> {
  const bytes = await makeImageBytes('jpeg', 32, 24);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(Date.UTC(2026, 10, 3, 12, i)).toISOString();
    const generation = await t.library.addImage({
      record: makeRecord({ createdAt, seed: i, width: 32, height: 24, ...overrides(i) }),
      bytes,
      jobId: null,
      projectId: null,
    });
    ids.push(generation.id);
  }
  return ids;
}

export function eventsOf<T>(t: TestLibrary, channel: EventChannel): T[] {
  return t.events.filter((event) => event.channel === channel).map((event) => event.payload as T);
}
