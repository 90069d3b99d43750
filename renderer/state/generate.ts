/**
 * The Generate action, for the composer's button and the keyboard: sends the composer's request;
 * when the core answers CONFIRM_REQUIRED, the store opens the question instead.
 */
import { useComposerStore } from './composer-store';

export function generate(): void {
  void useComposerStore.getState().submit();
}
