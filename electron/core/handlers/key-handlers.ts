/**
 * The `key:*` channels that need only the key service: no database, no BFL call. The CLI's
 * `seedbank key …` opens just this (see `account-core.ts`); the full core includes it.
 */
import type { Handlers } from '../../../shared/api';
import type { KeyService } from '../context';

type KeyChannels = 'key:status' | 'key:set' | 'key:clear';

export function createKeyHandlers(keys: KeyService): Pick<Handlers, KeyChannels> {
  return {
    'key:status': () => keys.status(),
    'key:set': ({ key }) => keys.set(key),
    'key:clear': () => keys.clear(),
  };
}
