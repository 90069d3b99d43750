/**
 * The Generate action, for the composer's button and the keyboard: sends the composer's request;
 * when the core answers CONFIRM_REQUIRED, the store opens the question instead.
 */
import { useComposerStore } from './composer-store';
import { useSettingsStore } from './settings-store';

export function generate(): void {
  // Without a key nothing could be sent: the key step says so; a shortcut must not add a failed row.
  const key = useSettingsStore.getState().key;
  if (key && !key.hasKey) {
    document.getElementById('onboarding-key')?.focus();
    return;
  }
  void useComposerStore.getState().submit();
}
