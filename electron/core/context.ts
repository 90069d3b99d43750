/**
 * What every part of the core is handed: paths, clock, fetch, logger, event bus, settings,
 * the key, the database. Parts never reach for globals (process.env, Date.now, fetch) directly,
 * so tests run them under plain Node against real files, a real keychain and the BFL emulator.
 */
import type { AppPaths } from './paths';
import type { Logger } from './logging/logger';
import type { EventBus } from './events';
import type { Database } from './library/db/database';
import type { Settings, KeyStatus } from '../../shared/types';
import type { StoredWatchedFolder } from './settings/watch-list';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface SettingsService {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
  /** A message to show once (e.g. a corrupt settings file was set aside), else null. */
  readonly notice: string | null;
  /** The API base in effect: `SEEDBANK_API_BASE` wins over the region setting. */
  apiBase(): string;
  /** True when `SEEDBANK_API_BASE` (not the region) decides the API base. */
  readonly apiBaseFromEnvironment: boolean;
  /** The folders indexed in place (kept beside the settings, not in the page-writable patch). */
  watchList(): StoredWatchedFolder[];
  setWatchList(list: readonly StoredWatchedFolder[]): void;
}

export interface KeyService {
  /** The key in use (environment, then session-only, then keychain), or null. Never log or return it to a front door. */
  getKey(): Promise<string | null>;
  status(): Promise<KeyStatus>;
  /** `sessionOnly`: keep it in memory until the process ends, never written. */
  set(key: string, options?: { sessionOnly?: boolean }): Promise<KeyStatus>;
  clear(): Promise<KeyStatus>;
}

export interface CoreContext {
  paths: AppPaths;
  logger: Logger;
  bus: EventBus;
  settings: SettingsService;
  keys: KeyService;
  db: Database;
  /** For BFL API calls (Electron passes `net.fetch`; the CLI a proxy-aware fetch). */
  fetch: FetchLike;
  now: () => Date;
  /** Turns a path relative to the library folder into a URL the front door serves. */
  assetUrl: (relativePath: string) => string;
  /** Identifies this process for job leases (e.g. `app:<pid>:<random>`). */
  ownerId: string;
  /** The app version, written into each file's `xmp:CreatorTool`. */
  version: string;
}
