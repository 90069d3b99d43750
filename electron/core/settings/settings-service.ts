/**
 * Settings on a `conf`-shaped store (electron-store in the app is `conf` plus Electron's
 * paths; the CLI, the web host and the tests open the same `settings.json` with `conf` and an
 * explicit `cwd`). A corrupt file is kept as `settings.json.backup-<time>` and the defaults are
 * used, with a notice for the person — never a crash, never silently starting from nothing.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ConfClass from 'conf';
import { SettingsPatchSchema } from '../../../shared/api';
import type { Settings } from '../../../shared/types';
import type { SettingsService } from '../context';
import type { Logger } from '../logging/logger';
import { DEFAULT_SETTINGS, apiBaseFor, apiBaseOverride } from './defaults';
import { WATCH_LIST_KEY, parseWatchList } from './watch-list';

/** The part of conf / electron-store the service uses. */
export interface SettingsStore {
  readonly store: Record<string, unknown>;
  set(object: Record<string, unknown>): void;
}

export const SETTINGS_FILE = 'settings.json';

const requireHere = createRequire(import.meta.url);

export function openConfStore(directory: string): SettingsStore {
  // Loaded when a setting is first read, not at start: conf brings ajv and a dozen modules
  // (~70 ms), which a CLI command that never reads a setting should not pay for.
  const { default: Conf } = requireHere('conf') as { default: typeof ConfClass };
  return new Conf<Record<string, unknown>>({
    cwd: directory,
    configName: 'settings',
    projectName: 'Seedbank',
    accessPropertiesByDotNotation: false,
  });
}

export interface SettingsServiceOptions {
  directory: string;
  env: NodeJS.ProcessEnv;
  /** The packaged app ignores `SEEDBANK_API_BASE` unless started with `--dev-api-base`. */
  packaged?: boolean;
  argv?: readonly string[];
  logger: Logger;
  /** Opens the store; defaults to `conf` (the app passes electron-store). */
  openStore?: (directory: string) => SettingsStore;
  now?: () => Date;
}

/** Keeps every stored value that is still valid; drops the rest back to defaults. */
function sanitize(raw: Record<string, unknown>): { settings: Settings; dropped: string[] } {
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const dropped: string[] = [];
  const target = settings as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    // Known keys are the schema's: optional ones (personName) have no default to test against.
    if (!(key in SettingsPatchSchema.shape)) continue;
    const parsed = SettingsPatchSchema.safeParse({ [key]: value });
    if (parsed.success) target[key] = (parsed.data as Record<string, unknown>)[key];
    else dropped.push(key);
  }
  return { settings, dropped };
}

/**
 * settings.json as plain JSON, for a command that only reads settings (`seedbank history` must know
 * which library to open, and conf costs ~70 ms to load). `{}` when there is no file yet; null when
 * the file needs conf's own handling (unreadable, not JSON, not an object).
 */
function peekSettingsFile(directory: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(directory, SETTINGS_FILE), 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? {} : null;
  }
}

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const open = options.openStore ?? openConfStore;
  const now = options.now ?? (() => new Date());
  let notice: string | null = null;
  let opened: { store: SettingsStore; current: Settings } | null = null;
  const override = apiBaseOverride({
    env: options.env,
    packaged: options.packaged ?? false,
    argv: options.argv ?? [],
  });

  /** The file is opened on first use, so a command that reads no setting never opens it. */
  const state = () => {
    if (opened) return opened;
    let store: SettingsStore;
    try {
      store = open(options.directory);
    } catch (err) {
      const file = path.join(options.directory, SETTINGS_FILE);
      const backup = `${file}.backup-${now().toISOString().replace(/[:.]/g, '-')}`;
      if (fs.existsSync(file)) fs.renameSync(file, backup);
      notice = `The settings file could not be read and was set aside as ${path.basename(backup)}; defaults are in use.`;
      options.logger.warn('corrupt settings file set aside', { backup, error: err });
      store = open(options.directory);
    }
    const { settings: initial, dropped } = sanitize(store.store);
    if (store.store.region === 'custom') {
      // Older versions let settings name any API host; the key would go there, so it is not obeyed.
      notice ??=
        'The custom API address in the settings is no longer used: the key goes only to BFL’s own regions (set SEEDBANK_API_BASE for development).';
      options.logger.warn('custom API base in settings ignored', { customApiBase: store.store.customApiBase });
      store.set({ region: initial.region, customApiBase: null });
    } else if (dropped.length > 0) {
      notice ??= `Some settings were invalid and were reset to defaults: ${dropped.join(', ')}.`;
      options.logger.warn('invalid settings reset', { dropped });
    }
    opened = { store, current: initial };
    return opened;
  };

  /**
   * What reads use: the store once it is open; before that, the file read directly when it is
   * clean (valid, nothing to reset or set aside). Anything else opens the store, which handles it.
   */
  let peeked: { raw: Record<string, unknown>; current: Settings } | null | undefined;
  const read = (): { raw: Record<string, unknown>; current: Settings } => {
    if (opened) return { raw: opened.store.store, current: opened.current };
    if (peeked === undefined) {
      peeked = null;
      const raw = options.openStore ? null : peekSettingsFile(options.directory);
      if (raw !== null && raw.region !== 'custom') {
        const { settings, dropped } = sanitize(raw);
        if (dropped.length === 0) peeked = { raw, current: settings };
      }
    }
    if (peeked) return peeked;
    const settings = state();
    return { raw: settings.store.store, current: settings.current };
  };

  return {
    get: () => structuredClone(read().current),
    update(patch) {
      const parsed = SettingsPatchSchema.parse(patch);
      const settings = state();
      settings.current = { ...settings.current, ...parsed };
      settings.store.set({ ...settings.current });
      return structuredClone(settings.current);
    },
    get notice() {
      read();
      return notice;
    },
    apiBase: () => apiBaseFor(read().current, override),
    apiBaseFromEnvironment: override !== null,
    watchList: () => parseWatchList(read().raw[WATCH_LIST_KEY]),
    setWatchList(list) {
      state().store.set({ [WATCH_LIST_KEY]: parseWatchList(list) });
    },
  };
}
