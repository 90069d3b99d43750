import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger';
import { createKeyService } from './key-service';
import { KeyringSecretStore } from './keyring-store';
import { KeychainUnavailableError } from './secret-store';

// This file runs in its own process: point the keyring at a bus that does not exist before
// anything connects, as on a Linux box with no Secret Service.
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/seedbank-bus';

describe('without a reachable keychain', () => {
  it('the store says plainly that no keychain is reachable', async () => {
    await expect(new KeyringSecretStore('SeedbankTest', 'no-bus').set('some-key-3333')).rejects.toBeInstanceOf(
      KeychainUnavailableError,
    );
  });

  it('keeps working with BFL_API_KEY from the environment and says so', async () => {
    const keys = createKeyService({
      store: new KeyringSecretStore('SeedbankTest', 'no-bus'),
      env: { BFL_API_KEY: 'env-key-abcd1234' },
      logger: silentLogger,
    });
    expect(await keys.getKey()).toBe('env-key-abcd1234');
    const status = await keys.status();
    expect(status).toMatchObject({ hasKey: true, last4: '1234', source: 'env', keychainAvailable: false });
    expect(status.message).toMatch(/No OS keychain is reachable.*BFL_API_KEY/);
  });

  it('refuses to save a key rather than writing it to a plain file', async () => {
    const keys = createKeyService({
      store: new KeyringSecretStore('SeedbankTest', 'no-bus'),
      env: {},
      logger: silentLogger,
    });
    await expect(keys.set('would-be-key-9999')).rejects.toThrow(/not saved; set BFL_API_KEY/);
    expect((await keys.status()).hasKey).toBe(false);
  });
});
