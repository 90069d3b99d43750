/**
 * The API key as the rest of the core sees it. `BFL_API_KEY` in the environment wins over the
 * keychain and is never written anywhere. Front doors only ever get `KeyStatus`
 * (`hasKey`, `last4`), never the key itself.
 */
import { SeedbankError } from '../../../shared/errors';
import type { KeyStatus } from '../../../shared/types';
import type { KeyService } from '../context';
import type { Logger } from '../logging/logger';
import { registerSecret } from '../logging/redact';
import { KeychainUnavailableError, type SecretStore } from './secret-store';

export interface KeyServiceOptions {
  store: SecretStore | null;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

const last4 = (key: string) => key.slice(-4);

export function createKeyService({ store, env, logger }: KeyServiceOptions): KeyService {
  const envKey = env.BFL_API_KEY?.trim() || null;
  registerSecret(envKey);
  let keychainProblem: string | null = store ? null : 'No OS keychain is available on this system';

  const readKeychain = async (): Promise<string | null> => {
    if (!store) return null;
    try {
      const key = await store.get();
      keychainProblem = null;
      registerSecret(key);
      return key;
    } catch (err) {
      keychainProblem = err instanceof Error ? err.message : String(err);
      logger.warn('keychain unreachable', { reason: keychainProblem });
      return null;
    }
  };

  const status = async (): Promise<KeyStatus> => {
    const stored = await readKeychain();
    const key = envKey ?? stored;
    let message: string | null = null;
    if (keychainProblem) {
      message = envKey
        ? `${keychainProblem}; using BFL_API_KEY from the environment.`
        : `${keychainProblem}. Set BFL_API_KEY in the environment to generate; Seedbank never stores the key in a plain file.`;
    } else if (envKey) {
      message = 'Using BFL_API_KEY from the environment; it overrides the keychain.';
    }
    return {
      hasKey: key !== null,
      last4: key ? last4(key) : null,
      source: envKey ? 'env' : stored ? 'keychain' : null,
      keychainAvailable: keychainProblem === null,
      message,
    };
  };

  return {
    async getKey() {
      return envKey ?? (await readKeychain());
    },
    status,
    async set(key: string) {
      const trimmed = key.trim();
      if (!/^[\x21-\x7e]{8,512}$/.test(trimmed)) {
        throw new SeedbankError('INVALID_INPUT', 'key: must be 8–512 printable characters without spaces', 'key');
      }
      if (!store) throw new SeedbankError('KEY_MISSING', keychainProblem ?? 'No OS keychain is available');
      try {
        registerSecret(trimmed);
        await store.set(trimmed);
      } catch (err) {
        if (err instanceof KeychainUnavailableError) {
          keychainProblem = err.message;
          throw new SeedbankError('INTERNAL', `${err.message}. The key was not saved; set BFL_API_KEY instead.`);
        }
        throw err;
      }
      logger.info('api key stored in keychain', { last4: last4(trimmed) });
      return status();
    },
    async clear() {
      if (store) {
        try {
          await store.delete();
        } catch (err) {
          if (err instanceof KeychainUnavailableError) throw new SeedbankError('INTERNAL', err.message);
          throw err;
        }
      }
      logger.info('api key cleared from keychain');
      return status();
    },
  };
}
