/**
 * SecretStore on `@napi-rs/keyring`, the maintained successor of keytar: the same keychains,
 * an N-API binary shipped inside the npm package (nothing to compile or download).
 */
import type { Entry } from '@napi-rs/keyring';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE, KeychainUnavailableError, type SecretStore } from './secret-store';

function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // The keyring's messages name the platform failure, never the secret; keep them short.
  return text.split('\n')[0]?.slice(0, 200) || 'unknown error';
}

/**
 * Once the platform store has failed in this process, keep saying so: after a failed Secret
 * Service connection the keyring library may quietly accept later writes into the kernel's
 * session keyring, which does not survive a logout — a key "saved" there would be lost.
 */
let platformFailure: string | null = null;

function unavailable(err: unknown): KeychainUnavailableError {
  platformFailure ??= describe(err);
  return new KeychainUnavailableError(platformFailure);
}

function isMissingEntry(err: unknown): boolean {
  return /no (matching )?entry|not found/i.test(describe(err));
}

export class KeyringSecretStore implements SecretStore {
  private loading: Promise<Entry> | null = null;

  constructor(
    private readonly service = KEYCHAIN_SERVICE,
    private readonly account = KEYCHAIN_ACCOUNT,
  ) {}

  /**
   * The native binding is loaded on first use (~15 ms), so a CLI command that never needs the
   * key does not pay for it. A binding that cannot load is an unavailable keychain.
   */
  private async entry(): Promise<Entry> {
    try {
      return await (this.loading ??= import('@napi-rs/keyring').then(
        ({ Entry: KeyringEntry }) => new KeyringEntry(this.service, this.account),
      ));
    } catch (err) {
      throw unavailable(err);
    }
  }

  async get(): Promise<string | null> {
    if (platformFailure) throw new KeychainUnavailableError(platformFailure);
    const entry = await this.entry();
    try {
      return entry.getPassword() ?? null;
    } catch (err) {
      if (isMissingEntry(err)) return null;
      throw unavailable(err);
    }
  }

  async set(value: string): Promise<void> {
    if (platformFailure) throw new KeychainUnavailableError(platformFailure);
    const entry = await this.entry();
    try {
      entry.setPassword(value);
    } catch (err) {
      throw unavailable(err);
    }
  }

  async delete(): Promise<void> {
    if (platformFailure) throw new KeychainUnavailableError(platformFailure);
    const entry = await this.entry();
    try {
      entry.deletePassword();
    } catch (err) {
      if (isMissingEntry(err)) return;
      throw unavailable(err);
    }
  }
}
