/**
 * Where the API key is kept: the OS keychain, behind a small interface so the key service
 * does not care which keychain it is (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux). There is deliberately no file-backed implementation: when no keychain is
 * reachable, Seedbank says so and works with `BFL_API_KEY` only.
 */
export const KEYCHAIN_SERVICE = 'Seedbank';
export const KEYCHAIN_ACCOUNT = 'bfl-api-key';

export interface SecretStore {
  get(): Promise<string | null>;
  set(value: string): Promise<void>;
  delete(): Promise<void>;
}

/** Thrown when the OS keychain cannot be reached (no Secret Service, locked, denied). */
export class KeychainUnavailableError extends Error {
  constructor(detail: string) {
    super(`No OS keychain is reachable (${detail})`);
    this.name = 'KeychainUnavailableError';
  }
}
