import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringToolsAvailable, startKeyringSession, type KeyringSession } from '../../../test/support/keyring-session';
import { KeyringSecretStore } from './keyring-store';

const missing = keyringToolsAvailable();
if (missing) console.log(`skipping real-keychain tests: ${missing}`);

describe.skipIf(missing !== null)('KeyringSecretStore on a real gnome-keyring', () => {
  let session: KeyringSession;
  const previous = process.env.DBUS_SESSION_BUS_ADDRESS;

  beforeAll(async () => {
    session = await startKeyringSession();
    process.env.DBUS_SESSION_BUS_ADDRESS = session.address;
  });
  afterAll(async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = previous;
    await session?.stop();
  });

  it('stores, replaces and clears the key in the keychain', async () => {
    const store = new KeyringSecretStore('SeedbankTest', 'store-roundtrip');
    expect(await store.get()).toBeNull();
    await store.set('first-key-1111');
    expect(await store.get()).toBe('first-key-1111');
    await store.set('second-key-2222');
    expect(await new KeyringSecretStore('SeedbankTest', 'store-roundtrip').get()).toBe('second-key-2222');
    await store.delete();
    expect(await store.get()).toBeNull();
  });

  it('clearing a key that was never set is not an error', async () => {
    await expect(new KeyringSecretStore('SeedbankTest', 'never-set').delete()).resolves.toBeUndefined();
  });
});
