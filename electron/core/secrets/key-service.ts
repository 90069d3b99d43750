/**
 * The API key as the rest of the core sees it. `BFL_API_KEY` in the environment wins, then a key
 * kept for this session only (memory), then the keychain; the first two are never written. Front doors only ever get `KeyStatus`
 * (`hasKey`, `last4`), never the key itself.
 */
import { SeedbankError } from '../../../shared/errors';
import type { KeyStatus } from '../../../shared/types';
import type { KeyService } from '../context';
import type { Logger } from '../logging/logger';
import { registerSecret } from '../logging/redact';
import { KeychainUnavailableError, type SecretStore } from './secret-store';
import { SessionSecretStore } from './session-secret-store';

export interface KeyServiceOptions {
  store: SecretStore | null;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

const last4 = (key: string) => key.slice(-4);

/** The key without surrounding space, or INVALID_INPUT naming the rule; checked before it is sent or kept. */
export function checkKeyFormat(key: string): string {
  const trimmed = key.trim();
  if (!/^[\x21-\x7e]{8,512}$/.test(trimmed)) {
    throw new SeedbankError('INVALID_INPUT', 'key: must be 8–512 printable characters without spaces', 'key');
  }
  return trimmed;
}

export function createKeyService({ store, env, logger }: KeyServiceOptions): KeyService {
  const envKey = env.BFL_API_KEY?.trim() || null;
  registerSecret(envKey);
  let keychainProblem: string | null = store ? null : 'No OS keychain is available on this system';
  const session = new SessionSecretStore();

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
    const sessionKey = await session.get();
    const key = envKey ?? sessionKey ?? stored;
    let message: string | null = null;
    if (keychainProblem) {
      message = envKey
        ? `${keychainProblem}; using BFL_API_KEY from the environment.`
        : sessionKey
          ? `${keychainProblem}; the key is kept for this session only and is gone when Seedbank quits.`
          : `${keychainProblem}. Use the key for this session only, or set BFL_API_KEY in the environment; Seedbank never stores the key in a plain file.`;
    } else if (envKey) {
      message = 'Using BFL_API_KEY from the environment; it overrides the keychain.';
    } else if (sessionKey) {
      message = 'The key is kept for this session only and is gone when Seedbank quits.';
    }
    return {
      hasKey: key !== null,
      last4: key ? last4(key) : null,
      source: envKey ? 'env' : sessionKey ? 'session' : stored ? 'keychain' : null,
      keychainAvailable: keychainProblem === null,
      message,
    };
  };

  return {
    async getKey() {
      return envKey ?? (await session.get()) ?? (await readKeychain());
    },
    status,
    async set(key: string, options: { sessionOnly?: boolean } = {}) {
      const trimmed = checkKeyFormat(key);
      if (options.sessionOnly) {
        registerSecret(trimmed);
        await session.set(trimmed);
        logger.info('api key kept for this session only', { last4: last4(trimmed) });
        return status();
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
      // A key saved in the keychain replaces one kept for the session.
      await session.delete();
      logger.info('api key stored in keychain', { last4: last4(trimmed) });
      return status();
    },
    async clear() {
      await session.delete();
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
