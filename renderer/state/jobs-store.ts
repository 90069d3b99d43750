/**
 * The queue: every job the core knows, newest first, and whether BFL is reachable. Wired once to
 * `jobs:changed` (one job per event, upserted) and `network:changed`.
 */
import { create } from 'zustand';
import type { Job } from '../../shared/types';
import { onHostConnection, seedbank } from '../platform/seedbank';
import { useSettingsStore } from './settings-store';

interface JobsState {
  jobs: Job[];
  online: boolean;
  hostConnected: boolean;
  load(): Promise<void>;
  upsert(job: Job): void;
  cancel(id: string): Promise<void>;
  retry(id: string, confirmResubmit: boolean): Promise<void>;
  resume(id: string): Promise<void>;
  clearFinished(): Promise<void>;
}

const newestFirst = (a: Job, b: Job) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

export const useJobsStore = create<JobsState>()((set, get) => ({
  jobs: [],
  online: true,
  hostConnected: true,
  async load() {
    const jobs = await seedbank().jobs.list({ limit: 200 });
    set({ jobs: [...jobs].sort(newestFirst) });
  },
  upsert(job) {
    const jobs = get().jobs;
    const index = jobs.findIndex((j) => j.id === job.id);
    // BFL said the account is out of credits: the balance in the top bar is stale now.
    if (job.error?.code === 'OUT_OF_CREDITS' && jobs[index]?.error?.code !== 'OUT_OF_CREDITS') {
      void useSettingsStore.getState().refreshCredits();
    }
    if (index === -1) set({ jobs: [job, ...jobs].sort(newestFirst) });
    else set({ jobs: jobs.map((j, i) => (i === index ? job : j)) });
  },
  async cancel(id) {
    get().upsert(await seedbank().jobs.cancel({ id }));
  },
  async retry(id, confirmResubmit) {
    get().upsert(await seedbank().jobs.retry({ id, confirmResubmit }));
  },
  async resume(id) {
    get().upsert(await seedbank().jobs.resume({ id }));
  },
  async clearFinished() {
    await seedbank().jobs.clearFinished();
    await get().load();
  },
}));

export function wireJobsStore(): () => void {
  const api = seedbank();
  const offJobs = api.onJobsChanged((job) => useJobsStore.getState().upsert(job));
  const offNetwork = api.onNetworkChanged(({ online }) => useJobsStore.setState({ online }));
  const offHost = onHostConnection((hostConnected) => {
    useJobsStore.setState({ hostConnected });
    // Events were missed while the socket was down: catch up.
    if (hostConnected) void useJobsStore.getState().load();
  });
  return () => {
    offJobs();
    offNetwork();
    offHost();
  };
}
