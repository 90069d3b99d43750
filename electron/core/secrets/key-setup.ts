/**
 * Saving a key the way a person expects: ask BFL first whether it works, so a typo is caught
 * before it is kept, but never lose the key because BFL could not be asked — then it is saved
 * untested and the answer says so. Every front door (app, browser host, CLI) goes through here.
 */
import { SeedbankError } from '../../../shared/errors';
import type { KeyCheck, KeySetResult } from '../../../shared/types';
import { BflClient } from '../bfl';
import type { CoreContext, KeyService } from '../context';
import type { EventBus } from '../events';
import { registerSecret } from '../logging/redact';
import { checkKeyFormat } from './key-service';

export interface KeySetRequest {
  key: string;
  verify: boolean;
  sessionOnly: boolean;
}

/** The balance BFL reports for a key that is not saved (yet); its errors as BFL gave them. */
export async function testCandidateKey(
  ctx: Pick<CoreContext, 'settings' | 'fetch' | 'logger'>,
  candidate: string,
): Promise<number> {
  const key = checkKeyFormat(candidate);
  registerSecret(key);
  const client = new BflClient({
    apiBase: ctx.settings.apiBase(),
    getKey: async () => key,
    fetch: ctx.fetch,
    logger: ctx.logger,
  });
  return client.credits();
}

/** What saving a key needs: the key service, the bus, and (where a BFL client is at hand) a test. */
export interface KeySetup {
  keys: KeyService;
  bus: EventBus;
  /** Asks BFL for the balance with a key that is not saved yet. */
  testKey?: (candidate: string) => Promise<number>;
}

export function keySetupOf(ctx: CoreContext): KeySetup {
  return { keys: ctx.keys, bus: ctx.bus, testKey: (candidate) => testCandidateKey(ctx, candidate) };
}

async function verifyKey(setup: KeySetup, key: string): Promise<KeyCheck> {
  if (!setup.testKey) return { outcome: 'untested', reason: 'BFL is not asked from here' };
  try {
    return { outcome: 'ok', credits: await setup.testKey(key) };
  } catch (err) {
    if (err instanceof SeedbankError && err.code === 'KEY_REJECTED') {
      throw new SeedbankError('KEY_REJECTED', `BFL refused this key, so it was not saved. ${err.message}`, 'key');
    }
    // Offline, timeout, BFL down: the key may well be right; keep it and say it is untested.
    return { outcome: 'untested', reason: err instanceof Error ? err.message : String(err) };
  }
}

export async function setKey(setup: KeySetup, request: KeySetRequest): Promise<KeySetResult> {
  const key = checkKeyFormat(request.key);
  registerSecret(key);
  const check = request.verify ? await verifyKey(setup, key) : null;
  const status = await setup.keys.set(key, { sessionOnly: request.sessionOnly });
  if (check?.outcome === 'ok') setup.bus.emit('credits:changed', { credits: check.credits });
  return { ...status, check };
}
