import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, type EventChannel } from './api';
import type { BridgeTransport } from './bridge';
import { createChannelBridge, eventChannelOf, eventMethodName } from './bridge-core';
import { SeedbankError } from './errors';

function recordingTransport() {
  const calls: { channel: string; payload: unknown }[] = [];
  let emit: ((channel: EventChannel, payload: unknown) => void) | null = null;
  const transport: BridgeTransport = {
    async invoke(channel, payload) {
      calls.push({ channel, payload });
      if (channel === 'library:get') return { error: { code: 'NOT_FOUND', message: 'gone', field: 'id' } };
      return { result: { ok: channel } };
    },
    subscribe(listener) {
      emit = listener;
      return () => undefined;
    },
  };
  return { transport, calls, emit: (c: EventChannel, p: unknown) => emit?.(c, p) };
}

describe("the browser's seedbank, built without the contract's schemas", () => {
  it('maps every event method of the contract back to its channel, and no request domain to an event', () => {
    for (const channel of EVENT_CHANNELS) expect(eventChannelOf(eventMethodName(channel))).toBe(channel);
    for (const channel of REQUEST_CHANNELS) expect(eventChannelOf(channel.split(':')[0]!)).toBeNull();
  });

  it('sends every request channel of the contract on that channel and unwraps the result', async () => {
    const { transport, calls } = recordingTransport();
    const api = createChannelBridge(transport) as unknown as Record<string, Record<string, (p: unknown) => unknown>>;
    for (const channel of REQUEST_CHANNELS) {
      const [domain = '', verb = ''] = channel.split(':');
      if (channel !== 'library:get') expect(await api[domain]![verb]!({})).toEqual({ ok: channel });
    }
    expect(calls.map((c) => c.channel)).toEqual(REQUEST_CHANNELS.filter((c) => c !== 'library:get'));
  });

  it('turns an error envelope into a thrown SeedbankError with its code', async () => {
    const api = createChannelBridge(recordingTransport().transport);
    const error = await api.library.get({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedbankError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'gone', field: 'id' });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { transport, emit } = recordingTransport();
    const api = createChannelBridge(transport);
    const seen: unknown[] = [];
    const unsubscribe = api.onNetworkChanged((payload) => seen.push(payload));
    const diagnostics: unknown[] = [];
    api.onAppShowDiagnostics((payload) => diagnostics.push(payload));
    emit('network:changed', { online: false });
    emit('jobs:changed', { id: 'other' });
    emit('app:showDiagnostics', {});
    unsubscribe();
    emit('network:changed', { online: true });
    expect(seen).toEqual([{ online: false }]);
    expect(diagnostics).toEqual([{}]);
  });

  it('is not taken for a promise', async () => {
    const api = createChannelBridge(recordingTransport().transport);
    expect(await Promise.resolve(api)).toBe(api);
  });
});
