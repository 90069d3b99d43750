/**
 * SecretStore on `@napi-rs/keyring`, the maintained successor of keytar: the same keychains,
 * an N-API binary shipped inside the npm package (nothing to compile or download).
 */
import { Entry } from '@napi-rs/keyring';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE, KeychainUnavailableError, type SecretStore } from './secret-store';

function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // The keyring's messages name the platform failure, never the secret; keep them short.
  return text.split('\n')[0]?.slice(0, 200) || 'unknown error';
}

export class KeyringSecretStore implements SecretStore {
  private readonly entry: Entry;

  constructor(service = KEYCHAIN_SERVICE, account = KEYCHAIN_ACCOUNT) {
    this.entry = new Entry(service, account);
  }

  async get(): Promise<string | null> {
    try {
      return this.entry.getPassword() ?? null;
    } catch (err) {
      if (/no (matching )?entry|not found/i.test(describe(err))) return null;
      throw new KeychainUnavailableError(describe(err));
    }
  }

  async set(value: string): Promise<void> {
    try {
      this.entry.setPassword(value);
    } catch (err) {
      throw new KeychainUnavailableError(describe(err));
    }
  }

  async delete(): Promise<void> {
    try {
      this.entry.deletePassword();
    } catch (err) {
      if (/no (matching )?entry|not found/i.test(describe(err))) return;
      throw new KeychainUnavailableError(describe(err));
    }
  }
}
