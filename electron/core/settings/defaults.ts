/**
 * Settings defaults and the API hosts behind each region. The API key goes wherever the API
 * base points, so settings (writable by the page, and by anyone who can write settings.json)
 * choose only among BFL's own regions; another base (the emulator, a proxy) comes only from
 * `SEEDBANK_API_BASE` in the environment of the process — and the packaged app obeys that only
 * when started with `--dev-api-base`, so a variable planted in a person's session cannot
 * redirect their key.
 */
import type { Region, Settings } from '../../../shared/types';

export const DEFAULT_SETTINGS: Settings = {
  region: 'global',
  defaultModel: 'flux-2-pro',
  defaultParams: { width: 1024, height: 1024, safety_tolerance: 2, output_format: 'jpeg' },
  costConfirmThreshold: 50,
  theme: 'dark',
  maxActiveTasks: 24,
  pollBudgetPerSecond: 20,
  exportPresets: [],
  window: null,
  library: { mode: 'local' },
};

export const REGION_BASES: Record<Region, string> = {
  global: 'https://api.bfl.ai',
  eu: 'https://api.eu.bfl.ai',
  us: 'https://api.us.bfl.ai',
};

/** The command-line switch that lets the packaged app honour `SEEDBANK_API_BASE`. */
export const DEV_API_BASE_FLAG = '--dev-api-base';

export interface ApiBaseOverrideArgs {
  env: NodeJS.ProcessEnv;
  /** True for the installed app (Electron's `app.isPackaged`); the CLI, web host and tests pass false. */
  packaged: boolean;
  argv: readonly string[];
}

/** The API base `SEEDBANK_API_BASE` asks for, when this process may obey it; else null. */
export function apiBaseOverride({ env, packaged, argv }: ApiBaseOverrideArgs): string | null {
  const raw = env.SEEDBANK_API_BASE?.trim();
  if (!raw) return null;
  if (packaged && !argv.includes(DEV_API_BASE_FLAG)) return null;
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
  return raw.replace(/\/+$/, '');
}

export function apiBaseFor(settings: Settings, override: string | null): string {
  return override ?? REGION_BASES[settings.region] ?? REGION_BASES.global;
}
