/**
 * The `jobs:*`, `credits:get` and `key:test` channels. A submit is validated against the model
 * catalog before anything is written (`submission.ts`), so an invalid request leaves no row and
 * sends nothing; the rows are then written (with the validated body and the estimated cost)
 * before the runner may send them.
 */
import type { Handlers } from '../../../shared/api';
import { SeedbankError } from '../../../shared/errors';
import type { Job } from '../../../shared/types';
import { testCandidateKey } from '../secrets/key-setup';
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
  | 'jobs:cancel'
  | 'jobs:retry'
  | 'jobs:resume'
  | 'jobs:clearFinished'
  | 'credits:get'
  | 'key:test';

export function createJobHandlers(runner: JobRunner, ctx: CoreContext): Pick<Handlers, JobChannels> {
  const credits = async () => {
    if (!(await ctx.keys.getKey()))
      throw new SeedbankError('KEY_MISSING', 'No BFL API key is set. Add one in Settings (or set BFL_API_KEY).');
    const value = await runner.client().credits();
    ctx.bus.emit('credits:changed', { credits: value });
    return { credits: value };
  };

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
    'jobs:list': (payload) => runner.store.list(payload?.limit ?? 200).map(toJob),
    'jobs:cancel': ({ id }) => runner.cancel(id),
    'jobs:retry': ({ id, confirmResubmit }) => runner.retry(id, confirmResubmit),
    'jobs:resume': ({ id }) => runner.resume(id),
    'jobs:clearFinished': () => ({ removed: runner.store.clearFinished() }),
    'credits:get': credits,
    'key:test': async (payload) => (payload?.key ? { credits: await testCandidateKey(ctx, payload.key) } : credits()),
  };
}
