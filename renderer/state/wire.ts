/**
 * Wires each store to the contract's events, once, and loads what the first screen needs.
 * Called by main.tsx before the first render, so no component subscribes on its own.
 */
import { isFinal } from '../../shared/job-states';
import { seedbank } from '../platform/seedbank';
import { useComposerStore } from './composer-store';
import { useJobsStore, wireJobsStore } from './jobs-store';
import { useLibraryStore, wireLibraryStore } from './library-store';
import { useSettingsStore, wireSettingsStore } from './settings-store';

/**
 * BFL charges at submit; the balance is re-read (once, after a burst) when jobs settle, unless the
 * core already pushed `credits:changed`.
 */
function refreshBalanceAfterJobs(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return seedbank().onJobsChanged((job) => {
    if (!isFinal(job.status) || !useSettingsStore.getState().key?.hasKey) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void useSettingsStore.getState().refreshCredits(), 800);
  });
}

export function wireStores(): () => void {
  const offs = [wireSettingsStore(), wireJobsStore(), wireLibraryStore(), refreshBalanceAfterJobs()];
  void useLibraryStore.getState().reload();
  void useLibraryStore.getState().refreshProjects();
  void useLibraryStore.getState().refreshTags();
  void useJobsStore.getState().load();
  void useSettingsStore
    .getState()
    .load()
    .then(() => {
      const settings = useSettingsStore.getState().view?.settings;
      if (settings) useComposerStore.getState().applyDefaults(settings.defaultModel, settings.defaultParams);
    });
  return () => offs.forEach((off) => off());
}
