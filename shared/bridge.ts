/**
 * Builds `window.seedbank` from the contract's channel names, for any transport.
 *
 * The preload (IPC) calls `createBridge`, so it is not written by hand and cannot offer a channel
 * the contract does not name. The browser's renderer builds the same shape on demand
 * (`createChannelBridge` in bridge-core.ts), without loading the contract's schemas.
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
import { eventMethodName, eventSubscriber, requestCaller } from './bridge-core';

export { eventMethodName, unwrapEnvelope } from './bridge-core';

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

export function createBridge(transport: BridgeTransport): SeedbankApi {
  const subscriber = eventSubscriber(transport);
  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    const [domain = '', verb = ''] = channel.split(':');
    const group = (api[domain] ??= {}) as Record<string, unknown>;
    group[verb] = requestCaller(transport, channel);
  }
  for (const channel of EVENT_CHANNELS) api[eventMethodName(channel)] = subscriber(channel);
  return api as SeedbankApi;
}
