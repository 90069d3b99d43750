/**
 * The app's keyboard, in one listener over the shortcut table: the first row that matches the key
 * and applies where the person is (see `ShortcutScope`) handles it.
 */
import { useEffect } from 'react';
import { useViewStore } from '../../state/view-store';
import { isTyping, SHORTCUTS, type ShortcutScope } from './shortcuts';

function applies(scope: ShortcutScope, event: KeyboardEvent): boolean {
  if (scope === 'anywhere') return true;
  if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return false;
  if (scope === 'page') return true;
  const view = useViewStore.getState();
  return !(view.settingsOpen || view.compareIds.length > 0 || view.shortcutsOpen || view.inspected !== null);
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      for (const { handler } of SHORTCUTS) {
        if (!handler || !handler.matches(event) || !applies(handler.scope, event)) continue;
        if (handler.run(event)) event.preventDefault();
        return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
