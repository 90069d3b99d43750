import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl } from '../../../test/fake-bfl';
import { closedPort } from '../../../test/e2e/support/free-port';
import type { CoreContext } from '../context';
import { tempHome, testContext } from '../../../test/support/library-test-kit';
import { silentLogger } from '../logging/logger';
import { createKeyService } from './key-service';
import { keySetupOf, setKey } from './key-setup';
import { SessionSecretStore } from './session-secret-store';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A core context whose key service has `store` (null: no keychain) and talks to `apiBase`. */
function context(apiBase: string, store: SessionSecretStore | null): CoreContext {
  const home = tempHome('seedbank-keys-');
  const ctx = testContext(home);
  cleanup.push(() => {
    ctx.db.close();
    fs.rmSync(home, { recursive: true, force: true });
  });
  return {
    ...ctx,
    settings: { ...ctx.settings, apiBase: () => apiBase },
    keys: createKeyService({ store, env: {}, logger: silentLogger }),
    fetch: (input, init) => fetch(input, init),
  };
}

async function emulator(): Promise<FakeBfl> {
  const fake = await startFakeBfl();
  cleanup.push(() => fake.close());
  return fake;
}

describe('saving a key after testing it', () => {
  it('does not keep a key BFL refuses, and says it was not saved', async () => {
    const fake = await emulator();
    const keychain = new SessionSecretStore();
    const ctx = context(fake.apiBase, keychain);
    const refused = await setKey(keySetupOf(ctx), { key: 'wrong-key-0000', verify: true, sessionOnly: false }).catch(
      (err: unknown) => err,
    );
    expect(refused).toMatchObject({ code: 'KEY_REJECTED' });
    expect((refused as Error).message).toMatch(/not saved/);
    expect(await keychain.get()).toBeNull();
  });

  it('saves a key BFL accepts and reports the balance', async () => {
    const fake = await emulator();
    const keychain = new SessionSecretStore();
    const result = await setKey(keySetupOf(context(fake.apiBase, keychain)), {
      key: DEFAULT_FAKE_KEY,
      verify: true,
      sessionOnly: false,
    });
    expect(result.check?.outcome).toBe('ok');
    expect(result).toMatchObject({ hasKey: true, source: 'keychain' });
    expect(await keychain.get()).toBe(DEFAULT_FAKE_KEY);
  });

  it('still saves the key when BFL cannot be reached, and says it could not test it', async () => {
    const keychain = new SessionSecretStore();
    const ctx = context(`http://127.0.0.1:${await closedPort()}`, keychain);
    const result = await setKey(keySetupOf(ctx), { key: DEFAULT_FAKE_KEY, verify: true, sessionOnly: false });
    expect(result.check?.outcome).toBe('untested');
    expect(await keychain.get()).toBe(DEFAULT_FAKE_KEY);
  });

  it('without a keychain, keeps a key for this session only and uses it', async () => {
    const fake = await emulator();
    const ctx = context(fake.apiBase, null);
    await expect(
      setKey(keySetupOf(ctx), { key: DEFAULT_FAKE_KEY, verify: false, sessionOnly: false }),
    ).rejects.toMatchObject({
      code: 'KEY_MISSING',
    });
    const result = await setKey(keySetupOf(ctx), { key: DEFAULT_FAKE_KEY, verify: true, sessionOnly: true });
    expect(result).toMatchObject({ hasKey: true, source: 'session', keychainAvailable: false });
    expect(result.message).toMatch(/this session only/);
    expect(await ctx.keys.getKey()).toBe(DEFAULT_FAKE_KEY);
    await ctx.keys.clear();
    expect(await ctx.keys.getKey()).toBeNull();
  });
});
