/**
 * Settings, the key's status, app info, credits and spend. Wired once to `settings:changed` and
 * `credits:changed`; the key itself never reaches the renderer, only `hasKey` and `last4`.
 */
import { create } from 'zustand';
import type { SettingsView } from '../../shared/api';
import type { RequestPayload } from '../../shared/api';
import type { ErrorInfo } from '../../shared/errors';
import type { AppInfo, KeySetResult, KeyStatus, SpendSummary } from '../../shared/types';
import { seedbank } from '../platform/seedbank';
import { errorInfoOf } from '../ui/error-text';

interface SettingsState {
  view: SettingsView | null;
  key: KeyStatus | null;
  info: AppInfo | null;
  credits: number | null;
  creditsError: ErrorInfo | null;
  spend: SpendSummary | null;
  load(): Promise<void>;
  update(patch: RequestPayload<'settings:update'>): Promise<void>;
  /** Saves the key (after asking BFL, with `verify`); the answer says what the test found. */
  setKey(key: string, options?: { verify?: boolean; sessionOnly?: boolean }): Promise<KeySetResult>;
  clearKey(): Promise<void>;
  /**
   * Resolves to the balance, or throws the contract error (KEY_REJECTED, NETWORK, …). With
   * `candidate`, tests that key instead of the one in use, keeping nothing.
   */
  testKey(candidate?: string): Promise<number>;
  refreshCredits(): Promise<void>;
  refreshSpend(): Promise<void>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  view: null,
  key: null,
  info: null,
  credits: null,
  creditsError: null,
  spend: null,
  async load() {
    const api = seedbank();
    const [view, key, info] = await Promise.all([api.settings.get(), api.key.status(), api.app.info()]);
    set({ view, key, info });
    if (key.hasKey) void get().refreshCredits();
  },
  async update(patch) {
    set({ view: await seedbank().settings.update(patch) });
  },
  async setKey(key, options = {}) {
    const result = await seedbank().key.set({
      key,
      verify: options.verify ?? false,
      sessionOnly: options.sessionOnly ?? false,
    });
    const { check, ...status } = result;
    set({ key: status });
    if (check?.outcome === 'ok') set({ credits: check.credits, creditsError: null });
    else void get().refreshCredits();
    return result;
  },
  async clearKey() {
    set({ key: await seedbank().key.clear(), credits: null, creditsError: null });
  },
  async testKey(candidate) {
    if (candidate !== undefined) return (await seedbank().key.test({ key: candidate })).credits;
    const { credits } = await seedbank().key.test();
    set({ credits, creditsError: null });
    return credits;
  },
  async refreshCredits() {
    try {
      const { credits } = await seedbank().credits.get();
      set({ credits, creditsError: null });
    } catch (err) {
      set({ credits: null, creditsError: errorInfoOf(err) });
    }
  },
  async refreshSpend() {
    set({ spend: await seedbank().library.spend() });
  },
}));

export function wireSettingsStore(): () => void {
  const api = seedbank();
  const offSettings = api.onSettingsChanged((view) => useSettingsStore.setState({ view }));
  const offCredits = api.onCreditsChanged(({ credits }) => useSettingsStore.setState({ credits, creditsError: null }));
  return () => {
    offSettings();
    offCredits();
  };
}
