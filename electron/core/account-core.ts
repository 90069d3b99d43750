/**
 * The part of the core that needs no library: the key, and (scope `account`) the BFL account's
 * balance. No database is opened and no image code is loaded, so `seedbank key …` and
 * `seedbank credits` start in a blink even beside a 100,000-image library — and still go through
 * the one dispatcher, like every other request. `createCore` serves the same channels with the
 * same handlers.
 */
import type { Handlers } from '../../shared/api';
import { createDispatcher, type Dispatch } from './contract/dispatch';
import type { FetchLike } from './context';
import { EventBus } from './events';
import { createKeyHandlers } from './handlers/key-handlers';
import type { Logger } from './logging/logger';
import { appPaths } from './paths';
import { KeyringSecretStore } from './secrets/keyring-store';
import { createKeyService } from './secrets/key-service';
import type { SecretStore } from './secrets/secret-store';
import type { SettingsStore } from './settings/settings-service';

export interface AccountCoreOptions {
  home: string;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  /** `key`: key:status/set/clear only; `account`: also credits:get and key:test. */
  scope: 'key' | 'account';
  fetch?: FetchLike;
  /** The keychain; `null` when none is reachable. Defaults to the OS keychain. */
  secretStore?: SecretStore | null;
  openSettingsStore?: (directory: string) => SettingsStore;
}

export interface AccountCore {
  dispatch: Dispatch;
  /** Every contract event the handlers emit (e.g. `credits:changed`). */
  bus: EventBus;
  close(): Promise<void>;
}

export async function createAccountCore(options: AccountCoreOptions): Promise<AccountCore> {
  const env = options.env ?? process.env;
  const { logger } = options;
  const bus = new EventBus();
  const store = options.secretStore === undefined ? new KeyringSecretStore() : options.secretStore;
  const keys = createKeyService({ store, env, logger });
  let handlers: Partial<Handlers> = createKeyHandlers({ keys, bus });
  if (options.scope === 'account') {
    // Loaded only here: the settings store and the HTTP client are what make this scope heavier.
    const [{ createSettingsService }, { BflClient }, { createAccountHandlers }] = await Promise.all([
      import('./settings/settings-service'),
      import('./bfl/client'),
      import('./handlers/account-handlers'),
    ]);
    const settings = createSettingsService({
      directory: appPaths(options.home).settingsDir,
      env,
      logger,
      ...(options.openSettingsStore ? { openStore: options.openSettingsStore } : {}),
    });
    const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
    const client = new BflClient({
      apiBase: settings.apiBase(),
      getKey: () => keys.getKey(),
      fetch: fetchImpl,
      logger,
    });
    const { testCandidateKey } = await import('./secrets/key-setup');
    const testKey = (candidate: string) => testCandidateKey({ settings, fetch: fetchImpl, logger }, candidate);
    handlers = {
      ...handlers,
      ...createKeyHandlers({ keys, bus, testKey }),
      ...createAccountHandlers({ keys, bus, client: () => client, testKey }),
    };
  }
  return { dispatch: createDispatcher(handlers, logger), bus, async close() {} };
}
