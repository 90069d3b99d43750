/**
 * A process-local SecretStore, for tests only: the web host uses it when SEEDBANK_KEYCHAIN=memory
 * so browser tests can set and clear a key without touching the real OS keychain. The key lives
 * in this process's memory and is gone when the host stops; it is never written anywhere.
 */
import type { SecretStore } from '../core/secrets/secret-store';

export class MemorySecretStore implements SecretStore {
  private value: string | null = null;

  async get(): Promise<string | null> {
    return this.value;
  }

  async set(value: string): Promise<void> {
    this.value = value;
  }

  async delete(): Promise<void> {
    this.value = null;
  }
}
