/**
 * A key kept for this session only: in the core's (main process's) memory, gone when the process
 * ends, never written to any file. Offered where no OS keychain is reachable, so a person can
 * still generate without putting the key in a plain file or the environment.
 */
import type { SecretStore } from './secret-store';

export class SessionSecretStore implements SecretStore {
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
