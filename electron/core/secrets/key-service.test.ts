import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringToolsAvailable, startKeyringSession, type KeyringSession } from '../../../test/support/keyring-session';
import { silentLogger } from '../logging/logger';
import { redactText } from '../logging/redact';
import { createKeyService } from './key-service';
import { KeyringSecretStore } from './keyring-store';

const missing = keyringToolsAvailable();
if (missing) console.log(`skipping real-keychain tests: ${missing}`);

describe.skipIf(missing !== null)('the API key in the OS keychain', () => {
  let session: KeyringSession;

  beforeAll(async () => {
    session = await startKeyringSession();
    process.env.DBUS_SESSION_BUS_ADDRESS = session.address;
  });
  afterAll(() => session?.stop());

  const service = (account: string, env: NodeJS.ProcessEnv = {}) =>
    createKeyService({ store: new KeyringSecretStore('SeedbankTest', account), env, logger: silentLogger });

  it('starts with no key and says so', async () => {
    expect(await service('fresh').status()).toEqual({
      hasKey: false,
      last4: null,
      source: null,
      keychainAvailable: true,
      message: null,
    });
  });

  it('set, replace and clear show only whether a key is set and its last four characters', async () => {
    const keys = service('lifecycle');
    const afterSet = await keys.set('bfl-first-key-AAAA');
    expect(afterSet).toMatchObject({ hasKey: true, last4: 'AAAA', source: 'keychain' });
    expect(JSON.stringify(afterSet)).not.toContain('bfl-first-key');

    await keys.set('bfl-second-key-BBBB');
    // A new service (as after a restart) reads the replaced key from the keychain.
    expect(await service('lifecycle').getKey()).toBe('bfl-second-key-BBBB');

    expect(await keys.clear()).toMatchObject({ hasKey: false, last4: null, source: null });
    expect(await service('lifecycle').getKey()).toBeNull();
  });

  it('BFL_API_KEY in the environment wins over the keychain and is never written to it', async () => {
    await service('env-wins').set('stored-key-CCCC');
    const keys = service('env-wins', { BFL_API_KEY: 'environment-key-DDDD' });
    expect(await keys.getKey()).toBe('environment-key-DDDD');
    expect(await keys.status()).toMatchObject({ hasKey: true, last4: 'DDDD', source: 'env' });
    expect(await new KeyringSecretStore('SeedbankTest', 'env-wins').get()).toBe('stored-key-CCCC');
  });

  it('refuses a malformed key with a message that names the field', async () => {
    await expect(service('bad').set('has spaces in it')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'key' });
  });

  it('a key once used is redacted from any text', async () => {
    await service('redact').set('redact-me-please-EEEE');
    expect(redactText('failed with key redact-me-please-EEEE')).toBe('failed with key [redacted]');
  });
});
