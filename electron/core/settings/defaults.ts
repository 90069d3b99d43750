/**
 * Settings defaults and the API hosts behind each region. Environment variables win over
 * settings (`SEEDBANK_API_BASE`).
 */
import type { Region, Settings } from '../../../shared/types';

export const DEFAULT_SETTINGS: Settings = {
  region: 'global',
  customApiBase: null,
  defaultModel: 'flux-2-pro',
  defaultParams: { width: 1024, height: 1024, safety_tolerance: 2, output_format: 'jpeg' },
  costConfirmThreshold: 50,
  theme: 'dark',
  maxActiveTasks: 24,
  pollBudgetPerSecond: 20,
  window: null,
};

export const REGION_BASES: Record<Exclude<Region, 'custom'>, string> = {
  global: 'https://api.bfl.ai',
  eu: 'https://api.eu.bfl.ai',
  us: 'https://api.us.bfl.ai',
};

export function apiBaseFor(settings: Settings, env: NodeJS.ProcessEnv): string {
  const fromEnv = env.SEEDBANK_API_BASE?.trim();
  if (fromEnv) return fromEnv.replace(/\/+$/, '');
  if (settings.region === 'custom' && settings.customApiBase) return settings.customApiBase.replace(/\/+$/, '');
  return REGION_BASES[settings.region === 'custom' ? 'global' : settings.region];
}
