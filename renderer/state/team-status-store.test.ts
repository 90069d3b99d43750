import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamLibraryStatus } from '../../shared/api';
import type { SeedbankApi } from '../../shared/bridge';
import { initSeedbank } from '../platform/seedbank';
import { useTeamStatusStore, wireTeamStatusStore } from './team-status-store';

// The events a page receives, pushed by hand.
const listeners: ((status: TeamLibraryStatus) => void)[] = [];
const api = {
  onLibraryTeamStatus: (cb: (status: TeamLibraryStatus) => void) => {
    listeners.push(cb);
    return () => void listeners.splice(listeners.indexOf(cb), 1);
  },
} as unknown as SeedbankApi;
Object.assign(globalThis, { window: { seedbank: api } });
initSeedbank();

const push = (status: TeamLibraryStatus) => listeners.forEach((cb) => cb(status));
const at = '2026-12-01T18:00:00.000Z';

describe('the team library status on the page', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    useTeamStatusStore.setState({ status: null, cached: null });
  });

  it('keeps the away status and reloads the gallery once the library is back', () => {
    const onBack = vi.fn();
    stop = wireTeamStatusStore(onBack);
    push({ state: 'away', since: at, reason: 'connection refused', waiting: 1 });
    expect(useTeamStatusStore.getState().status?.state).toBe('away');
    expect(onBack).not.toHaveBeenCalled();
    push({ state: 'connected', since: at, reason: null, waiting: 1 });
    expect(onBack).toHaveBeenCalledTimes(1);
    // The outbox emptying while connected is no reason to reload again.
    push({ state: 'connected', since: at, reason: null, waiting: 0 });
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('a page opened while away learns it from a cached gallery page, and reloads when the library is back', () => {
    const onBack = vi.fn();
    stop = wireTeamStatusStore(onBack);
    useTeamStatusStore.getState().sawPage({ since: at, reason: 'connection refused', seenAt: null });
    expect(useTeamStatusStore.getState().cached?.since).toBe(at);
    push({ state: 'connected', since: at, reason: null, waiting: 0 });
    expect(onBack).toHaveBeenCalledTimes(1);
  });
});
