/**
 * Handlers for the app itself, the key and the settings: the parts every front door shares.
 */
import type { Handlers } from '../../../shared/api';
import type { SettingsView } from '../../../shared/api';
import { hasFts5 } from '../library/db/database';
import { SeedbankError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { keySetupOf } from '../secrets/key-setup';
import { createKeyHandlers } from './key-handlers';

type AppChannels = 'app:info' | 'key:status' | 'key:set' | 'key:clear' | 'settings:get' | 'settings:update';

export function settingsView(ctx: CoreContext): SettingsView {
  return {
    settings: ctx.settings.get(),
    apiBase: ctx.settings.apiBase(),
    apiBaseFromEnvironment: ctx.settings.apiBaseFromEnvironment,
    notice: ctx.settings.notice,
  };
}

export function createAppHandlers(ctx: CoreContext): Pick<Handlers, AppChannels> {
  return {
    'app:info': () => ({
      version: ctx.version,
      home: ctx.paths.home,
      logFile: ctx.logger.file ?? '',
      apiBase: ctx.settings.apiBase(),
      platform: process.platform,
      fullTextSearch: hasFts5(ctx.db),
    }),
    ...createKeyHandlers(keySetupOf(ctx)),
    'settings:get': () => settingsView(ctx),
    'settings:update': (patch) => {
      // Which library this computer uses changes only through Settings → Library
      // (`library:teamSave`), which tests a team library before switching to it.
      if (patch.library !== undefined)
        throw new SeedbankError(
          'INVALID_INPUT',
          'library: choose the library in Settings → Library, which tests a team library before switching',
          'library',
        );
      ctx.settings.update(patch);
      const view = settingsView(ctx);
      ctx.bus.emit('settings:changed', view);
      return view;
    },
  };
}
