/**
 * The `key:*` channels that need only the key service (and, to test a key before saving it, a BFL
 * client where one is at hand). The CLI's `seedbank key …` opens just this (see
 * `account-core.ts`); the full core includes it with a test.
 */
import type { Handlers } from '../../../shared/api';
import { setKey, type KeySetup } from '../secrets/key-setup';

type KeyChannels = 'key:status' | 'key:set' | 'key:clear';

export function createKeyHandlers(setup: KeySetup): Pick<Handlers, KeyChannels> {
  return {
    'key:status': () => setup.keys.status(),
    'key:set': (request) => setKey(setup, request),
    'key:clear': () => setup.keys.clear(),
  };
}
