import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, type EventChannel } from './api';
import { createBridge, eventMethodName, type BridgeTransport } from './bridge';
import { SeedbankError } from './errors';

function recordingTransport() {
  const calls: { channel: string; payload: unknown }[] = [];
  let emit: ((channel: EventChannel, payload: unknown) => void) | null = null;
  let unsubscribed = false;
  const transport: BridgeTransport = {
    async invoke(channel, payload) {
      calls.push({ channel, payload });
      if (channel === 'library:get') return { error: { code: 'NOT_FOUND', message: 'gone', field: 'id' } };
      return { result: { ok: channel } };
    },
    subscribe(listener) {
      emit = listener;
      return () => {
        unsubscribed = true;
      };
    },
  };
  return { transport, calls, emit: (c: EventChannel, p: unknown) => emit?.(c, p), isUnsubscribed: () => unsubscribed };
}

describe('window.seedbank derived from the contract', () => {
  it('has one method per request channel and one onX per event, and nothing else', () => {
    const api = createBridge(recordingTransport().transport) as unknown as Record<string, unknown>;
    const methods = Object.entries(api).flatMap(([key, value]) =>
      typeof value === 'function' ? [key] : Object.keys(value as object).map((verb) => `${key}:${verb}`),
    );
    expect(methods.sort()).toEqual([...REQUEST_CHANNELS, ...EVENT_CHANNELS.map(eventMethodName)].sort());
  });

  it('sends the call on its channel and unwraps the result', async () => {
    const { transport, calls } = recordingTransport();
    const api = createBridge(transport);
    expect(await api.jobs.cancel({ id: 'j1' })).toEqual({ ok: 'jobs:cancel' });
    expect(calls).toEqual([{ channel: 'jobs:cancel', payload: { id: 'j1' } }]);
  });

  it('turns an error envelope into a thrown SeedbankError with its code', async () => {
    const api = createBridge(recordingTransport().transport);
    const error = await api.library.get({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedbankError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'gone', field: 'id' });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { transport, emit } = recordingTransport();
    const api = createBridge(transport);
    const seen: unknown[] = [];
    const unsubscribe = api.onNetworkChanged((payload) => seen.push(payload));
    emit('network:changed', { online: false });
    emit('jobs:changed', { id: 'other' });
    unsubscribe();
    emit('network:changed', { online: true });
    expect(seen).toEqual([{ online: false }]);
  });
});
