/**
 * `credits:get` and `key:test`: the account's balance with the key in use. Both need the key,
 * the settings (for the API base) and a BFL client, but no library.
 */
import type { Handlers } from '../../../shared/api';
import { SeedbankError } from '../../../shared/errors';
import type { BflClient } from '../bfl';
import type { KeyService } from '../context';
import type { EventBus } from '../events';

type AccountChannels = 'credits:get' | 'key:test';

export interface AccountDeps {
  keys: KeyService;
  bus: EventBus;
  /** The client for the API base in effect (settings may change it while running). */
  client: () => BflClient;
  /** Asks BFL for the balance with a key typed but not saved (Settings' Test button). */
  testKey: (candidate: string) => Promise<number>;
}

export function createAccountHandlers({ keys, bus, client, testKey }: AccountDeps): Pick<Handlers, AccountChannels> {
  const credits = async () => {
    if (!(await keys.getKey()))
      throw new SeedbankError('KEY_MISSING', 'No BFL API key is set. Add one in Settings (or set BFL_API_KEY).');
    const value = await client().credits();
    bus.emit('credits:changed', { credits: value });
    return { credits: value };
  };
  return {
    'credits:get': credits,
    'key:test': async (payload) => (payload?.key ? { credits: await testKey(payload.key) } : credits()),
  };
}
