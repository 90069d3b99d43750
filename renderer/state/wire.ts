/**
 * Wires each store to the contract's events, once, and loads what the first screen needs (the tag
 * counts come later: App asks for them once the gallery is on screen).
 * Called by main.tsx before the first render, so no component subscribes on its own.
 */
import { isFinal } from '../../shared/job-states';
import { seedbank } from '../platform/seedbank';
import { useComposerStore } from './composer-store';
import { useJobsStore, wireJobsStore } from './jobs-store';
import { useLibraryStore, wireLibraryStore } from './library-store';
import { useSettingsStore, wireSettingsStore } from './settings-store';
import { wireTeamStatusStore } from './team-status-store';

/**
 * BFL charges at submit; the balance is re-read (once, after a burst) when jobs settle, unless a
 * `credits:changed` arrives meanwhile (someone else read the balance: it is already current).
 */
export function refreshBalanceAfterJobs(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const offJobs = seedbank().onJobsChanged((job) => {
    if (!isFinal(job.status) || !useSettingsStore.getState().key?.hasKey) return;
    cancel();
    timer = setTimeout(() => {
      timer = null;
      void useSettingsStore.getState().refreshCredits();
    }, 800);
  });
  const offCredits = seedbank().onCreditsChanged(cancel);
  return () => {
    cancel();
    offJobs();
    offCredits();
  };
}

export function wireStores(): () => void {
  const offs = [
    wireSettingsStore(),
    wireJobsStore(),
    wireLibraryStore(),
    wireTeamStatusStore(() => void useLibraryStore.getState().reload()),
    refreshBalanceAfterJobs(),
  ];
  void useLibraryStore.getState().reload();
  void useLibraryStore.getState().refreshProjects();
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
