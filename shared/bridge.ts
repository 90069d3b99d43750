/**
 * Builds `window.seedbank` from the contract's channel names, for any transport.
 *
 * The preload (IPC) and the web-host shim (WebSocket) both call `createBridge`, so neither is
 * written by hand and neither can offer a channel the contract does not name.
 * `'jobs:submit'` becomes `seedbank.jobs.submit(payload)`; `'jobs:changed'` becomes
 * `seedbank.onJobsChanged(callback)`, which returns its unsubscribe function.
 */
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type Envelope,
  type EventChannel,
  type EventPayload,
  type RequestChannel,
  type RequestPayload,
  type RequestResult,
} from './api';
import { SeedbankError, isErrorCode } from './errors';

export interface BridgeTransport {
  invoke(channel: RequestChannel, payload: unknown): Promise<Envelope<unknown>>;
  /** Delivers every event; returns the function that stops delivery. */
  subscribe(listener: (channel: EventChannel, payload: unknown) => void): () => void;
}

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

type Caller<C extends RequestChannel> =
  undefined extends RequestPayload<C>
    ? (payload?: RequestPayload<C>) => Promise<RequestResult<C>>
    : (payload: RequestPayload<C>) => Promise<RequestResult<C>>;

type RequestApi = {
  [D in DomainOf<RequestChannel>]: {
    [V in VerbOf<RequestChannel, D>]: `${D}:${V}` extends RequestChannel ? Caller<`${D}:${V}`> : never;
  };
};

type EventMethodName<E extends string> = E extends `${infer D}:${infer V}`
  ? `on${Capitalize<D>}${Capitalize<V>}`
  : never;

type EventApi = {
  [E in EventChannel as EventMethodName<E>]: (callback: (payload: EventPayload<E>) => void) => () => void;
};

export type SeedbankApi = RequestApi & EventApi;

export function eventMethodName(channel: EventChannel): string {
  const [domain = '', verb = ''] = channel.split(':');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `on${cap(domain)}${cap(verb)}`;
}

/** Turns an `{error}` envelope back into a thrown SeedbankError with its stable code. */
export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if ('error' in envelope) {
    const { code, message, field } = envelope.error;
    throw new SeedbankError(isErrorCode(code) ? code : 'INTERNAL', message, field);
  }
  return envelope.result;
}

export function createBridge(transport: BridgeTransport): SeedbankApi {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let unsubscribeTransport: (() => void) | null = null;

  const ensureSubscribed = () => {
    unsubscribeTransport ??= transport.subscribe((channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    });
  };

  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    const [domain = '', verb = ''] = channel.split(':');
    const group = (api[domain] ??= {}) as Record<string, unknown>;
    group[verb] = async (payload?: unknown) => unwrapEnvelope(await transport.invoke(channel, payload));
  }
  for (const channel of EVENT_CHANNELS) {
    api[eventMethodName(channel)] = (callback: (payload: unknown) => void) => {
      if (typeof callback !== 'function') throw new TypeError('callback must be a function');
      ensureSubscribed();
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(callback);
      return () => {
        set.delete(callback);
      };
    };
  }
  return api as SeedbankApi;
}
