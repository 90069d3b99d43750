/**
 * The parts of the bridge that need no channel list, so the browser's renderer can build its
 * `seedbank` without loading the contract's schemas (`api.ts` and zod: half the renderer bundle,
 * parsed and run before the first gallery paint). Only types come from `api.ts` here.
 *
 * `createChannelBridge` maps property names to channels as `createBridge` does
 * (`seedbank.jobs.submit` → `'jobs:submit'`, `seedbank.onJobsChanged` → `'jobs:changed'`), but on
 * demand: a name the contract does not have reaches the host, which refuses it as an unknown
 * channel. The Electron preload keeps `createBridge`, which offers only the contract's channels.
 */
import type { Envelope, EventChannel, RequestChannel } from './api';
import type { BridgeTransport, SeedbankApi } from './bridge';
import { SeedbankError, isErrorCode } from './errors';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function eventMethodName(channel: EventChannel): string {
  const [domain = '', verb = ''] = channel.split(':');
  return `on${capitalize(domain)}${capitalize(verb)}`;
}

/**
 * The channel an event method name stands for: `onAppShowDiagnostics` → `'app:showDiagnostics'`.
 * Domains are one lowercase word (a test holds every channel of the contract to that).
 */
export function eventChannelOf(methodName: string): EventChannel | null {
  const match = /^on([A-Z][a-z0-9]*)([A-Z].*)$/.exec(methodName);
  if (!match) return null;
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  return `${lower(match[1]!)}:${lower(match[2]!)}` as EventChannel;
}

/** Turns an `{error}` envelope back into a thrown SeedbankError with its stable code. */
export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if ('error' in envelope) {
    const { code, message, field } = envelope.error;
    throw new SeedbankError(isErrorCode(code) ? code : 'INTERNAL', message, field);
  }
  return envelope.result;
}

/** One transport subscription shared by every `on…` method; returns the method for a channel. */
export function eventSubscriber(
  transport: BridgeTransport,
): (channel: EventChannel) => (callback: (payload: unknown) => void) => () => void {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let unsubscribeTransport: (() => void) | null = null;
  return (channel) => (callback) => {
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    unsubscribeTransport ??= transport.subscribe((from, payload) => {
      for (const listener of listeners.get(from) ?? []) listener(payload);
    });
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(callback);
    return () => {
      set.delete(callback);
    };
  };
}

export function requestCaller(transport: BridgeTransport, channel: RequestChannel) {
  return async (payload?: unknown) => unwrapEnvelope(await transport.invoke(channel, payload));
}

export function createChannelBridge(transport: BridgeTransport): SeedbankApi {
  const subscriber = eventSubscriber(transport);
  const domains = new Map<string, Record<string, unknown>>();
  const domainOf = (domain: string) => {
    let group = domains.get(domain);
    if (!group) {
      const callers = new Map<string, unknown>();
      group = new Proxy<Record<string, unknown>>(
        {},
        {
          get(_, verb) {
            if (typeof verb !== 'string') return undefined;
            if (!callers.has(verb)) callers.set(verb, requestCaller(transport, `${domain}:${verb}` as RequestChannel));
            return callers.get(verb);
          },
        },
      );
      domains.set(domain, group);
    }
    return group;
  };
  const events = new Map<string, unknown>();
  return new Proxy({} as SeedbankApi, {
    get(_, name) {
      // Not a thenable: a promise resolving to the bridge must not take it for one.
      if (typeof name !== 'string' || name === 'then') return undefined;
      const channel = eventChannelOf(name);
      if (!channel) return domainOf(name);
      if (!events.has(name)) events.set(name, subscriber(channel));
      return events.get(name);
    },
  });
}
