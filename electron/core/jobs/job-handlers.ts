/**
 * The `jobs:*` channels. A submit is validated against the model
 * catalog before anything is written (`submission.ts`), so an invalid request leaves no row and
 * sends nothing; the rows are then written (with the validated body and the estimated cost)
 * before the runner may send them.
 */
import type { Handlers } from '../../../shared/api';
import { isPaused } from '../../../shared/job-states';
import type { Job } from '../../../shared/types';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import { toJob } from './job-row';
import type { NewJob } from './job-store';
import type { JobRunner } from './runner';
import { guardSpend } from './spend-guard';
import { planSubmission, totalCost } from './submission';

type JobChannels =
  | 'jobs:estimate'
  | 'jobs:submit'
  | 'jobs:list'
  | 'jobs:wait'
  | 'jobs:resumeUnfinished'
  | 'jobs:cancel'
  | 'jobs:retry'
  | 'jobs:resume'
  | 'jobs:clearFinished';

export function createJobHandlers(runner: JobRunner, ctx: CoreContext): Pick<Handlers, JobChannels> {
  return {
    'jobs:estimate': async ({ request, count }) => {
      return { credits: totalCost(await planSubmission(runner.library, request, count, 'increment')) };
    },
    'jobs:submit': async ({ request, count, seedMode, projectId, confirmed }) => {
      const planned = await planSubmission(runner.library, request, count, seedMode);
      guardSpend(planned, ctx.settings.get().costConfirmThreshold, confirmed);
      const now = ctx.now();
      const batchId = newId(now.getTime());
      const rows: NewJob[] = planned.map(({ params, body, estimatedCost }, i) => ({
        id: newId(now.getTime()),
        batchId,
        model: request.model,
        prompt: request.prompt,
        params,
        inputs: request.inputs,
        body,
        projectId,
        estimatedCost,
        createdAt: new Date(now.getTime() + i).toISOString(),
      }));
      runner.store.insert(rows);
      ctx.logger.info('jobs queued', { batch: batchId, count, model: request.model });
      const jobs: Job[] = runner.store.getMany(rows.map((r) => r.id)).map(toJob);
      jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const job of jobs) ctx.bus.emit('jobs:changed', job);
      runner.enqueue(rows.map((r) => r.id));
      return { jobs };
    },
    'jobs:list': (payload) =>
      runner.store
        .list(payload?.limit ?? 200, {
          ...(payload?.states ? { states: payload.states } : {}),
          ...(payload?.ids ? { ids: payload.ids } : {}),
        })
        .map(toJob),
    'jobs:wait': ({ ids }) => runner.waitFor(ids),
    'jobs:resumeUnfinished': () => {
      const rows = runner.store.unfinished();
      // Asking to resume is the person saying the cause of a pause is fixed: paused jobs try now.
      for (const row of rows) if (isPaused(row.status)) runner.resume(row.id);
      runner.start();
      return { jobs: runner.store.getMany(rows.map((row) => row.id)).map(toJob) };
    },
    'jobs:cancel': ({ id }) => runner.cancel(id),
    'jobs:retry': ({ id, confirmResubmit }) => runner.retry(id, confirmResubmit),
    'jobs:resume': ({ id }) => runner.resume(id),
    'jobs:clearFinished': () => ({ removed: runner.store.clearFinished() }),
  };
}
