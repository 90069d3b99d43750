/**
 * A process-local SecretStore, for tests only: the web host uses it when SEEDBANK_KEYCHAIN=memory
 * so browser tests can set and clear a key without touching the real OS keychain. It is the
 * core's session-only store (memory, never written), standing in for a keychain here.
 */
export { SessionSecretStore as MemorySecretStore } from '../core/secrets/session-secret-store';
