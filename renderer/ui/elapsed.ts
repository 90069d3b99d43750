/** Elapsed time of a job, and a clock that ticks only while something is running. */
import { useEffect, useState } from 'react';
import type { Job } from '../../shared/types';

export function elapsedSeconds(job: Job, now: number): number {
  const start = Date.parse(job.submittedAt ?? job.createdAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return Math.max(0, (end - start) / 1000);
}

export function formatElapsed(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds % 60)} s`;
}

export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
