/**
 * The Generate action, for the composer's button and the keyboard: sends the composer's request,
 * asking first when the estimate passes the threshold.
 */
import { useComposerStore } from './composer-store';
import { useSettingsStore } from './settings-store';

export function generate(): void {
  const threshold = useSettingsStore.getState().view?.settings.costConfirmThreshold;
  void useComposerStore.getState().submit(threshold === undefined ? {} : { threshold });
}
