import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SeedbankApi } from '../../shared/bridge';
import type { Job } from '../../shared/types';
import { initSeedbank } from '../platform/seedbank';
import { useSettingsStore } from './settings-store';
import { refreshBalanceAfterJobs } from './wire';

// The events a page receives, pushed by hand.
const listeners = { job: [] as ((job: Job) => void)[], credits: [] as ((c: { credits: number }) => void)[] };
const api = {
  onJobsChanged: (cb: (job: Job) => void) => {
    listeners.job.push(cb);
    return () => void listeners.job.splice(listeners.job.indexOf(cb), 1);
  },
  onCreditsChanged: (cb: (c: { credits: number }) => void) => {
    listeners.credits.push(cb);
    return () => void listeners.credits.splice(listeners.credits.indexOf(cb), 1);
  },
} as unknown as SeedbankApi;
Object.assign(globalThis, { window: { seedbank: api } });
initSeedbank();

const finished = { id: 'j1', status: 'done' } as Job;

describe('the balance after jobs settle', () => {
  const refreshCredits = vi.fn(async () => {});
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    refreshCredits.mockClear();
    useSettingsStore.setState({
      key: { hasKey: true, last4: '0001', source: 'keychain', keychainAvailable: true, message: null },
      refreshCredits,
    });
    stop = refreshBalanceAfterJobs();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('is read once after a burst of finished jobs', () => {
    for (const cb of listeners.job) cb(finished);
    for (const cb of listeners.job) cb({ ...finished, id: 'j2' });
    vi.runAllTimers();
    expect(refreshCredits).toHaveBeenCalledTimes(1);
  });

  it('is not read again when the core already pushed a new balance', () => {
    for (const cb of listeners.job) cb(finished);
    for (const cb of listeners.credits) cb({ credits: 41.5 });
    vi.runAllTimers();
    expect(refreshCredits).not.toHaveBeenCalled();
  });
});
