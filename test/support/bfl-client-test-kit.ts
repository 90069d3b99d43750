/**
 * For the BflClient tests: the BFL emulator, a client pointed at it with the emulator's key, and a
 * way to get at the BflError a call is expected to fail with. Each test file keeps its own
 * start/close hooks; only how the pieces are built is shared.
 */
import { DEFAULT_FAKE_KEY, startFakeBfl, type FakeBfl, type FakeBflOptions } from '../fake-bfl';
import type { Logger } from '../../electron/core/logging/logger';
import { BflClient, BflError } from '../../electron/core/bfl';

/** The emulator with tasks that finish at once, unless a test asks for slower ones. */
export function startEmulator(options: FakeBflOptions = {}): Promise<FakeBfl> {
  return startFakeBfl({ taskMs: 0, ...options });
}

export interface TestClientOptions {
  /** The key the client sends; `null` means no key is stored. Default: the emulator's key. */
  key?: string | null;
  /** Default: the emulator's API host. */
  apiBase?: string;
  logger?: Logger;
  requestTimeoutMs?: number;
}

export function clientFor(fake: FakeBfl, options: TestClientOptions = {}): BflClient {
  const key = options.key === undefined ? DEFAULT_FAKE_KEY : options.key;
  return new BflClient({
    apiBase: options.apiBase ?? fake.apiBase,
    getKey: async () => key,
    fetch: (input, init) => fetch(input, init),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
}

/** The BflError `promise` rejects with; anything else (or no rejection) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<BflError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof BflError) return err;
    throw err;
  }
  throw new Error('expected a BflError');
}
