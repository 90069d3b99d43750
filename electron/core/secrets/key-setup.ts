/**
 * Saving a key the way a person expects: ask BFL first whether it works, so a typo is caught
 * before it is kept, but never lose the key because BFL could not be asked — then it is saved
 * untested and the answer says so. Every front door (app, browser host, CLI) goes through here.
 */
import { SeedbankError } from '../../../shared/errors';
import type { KeyCheck, KeySetResult } from '../../../shared/types';
import { BflClient } from '../bfl';
import type { CoreContext } from '../context';
import { registerSecret } from '../logging/redact';
import { checkKeyFormat } from './key-service';

export interface KeySetRequest {
  key: string;
  verify: boolean;
  sessionOnly: boolean;
}

/** The balance BFL reports for a key that is not saved (yet); its errors as BFL gave them. */
export async function testCandidateKey(ctx: CoreContext, candidate: string): Promise<number> {
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

async function verifyKey(ctx: CoreContext, key: string): Promise<KeyCheck> {
  try {
    return { outcome: 'ok', credits: await testCandidateKey(ctx, key) };
  } catch (err) {
    if (err instanceof SeedbankError && err.code === 'KEY_REJECTED') {
      throw new SeedbankError('KEY_REJECTED', `BFL refused this key, so it was not saved. ${err.message}`, 'key');
    }
    // Offline, timeout, BFL down: the key may well be right; keep it and say it is untested.
    return { outcome: 'untested', reason: err instanceof Error ? err.message : String(err) };
  }
}

export async function setKey(ctx: CoreContext, request: KeySetRequest): Promise<KeySetResult> {
  const key = checkKeyFormat(request.key);
  registerSecret(key);
  const check = request.verify ? await verifyKey(ctx, key) : null;
  const status = await ctx.keys.set(key, { sessionOnly: request.sessionOnly });
  if (check?.outcome === 'ok') ctx.bus.emit('credits:changed', { credits: check.credits });
  return { ...status, check };
}
