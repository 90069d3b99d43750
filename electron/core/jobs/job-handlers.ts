/**
 * The `jobs:*`, `credits:get` and `key:test` channels. A submit is validated against the model
 * catalog before anything is written, so an invalid request leaves no row and sends nothing;
 * the rows are then written (with their estimated cost) before the runner may send them.
 */
import type { Handlers } from '../../../shared/api';
import { SeedbankError } from '../../../shared/errors';
import { estimateCost, PIXELS_PER_MP, validateRequest } from '../../../shared/models';
import type { GenerationRequest, Job } from '../../../shared/types';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import { batchParams } from './batch';
import { toJob } from './job-row';
import type { NewJob } from './job-store';
import type { JobRunner } from './runner';

type JobChannels =
  | 'jobs:estimate'
  | 'jobs:submit'
  | 'jobs:list'
  | 'jobs:wait'
  | 'jobs:resumeUnfinished'
  | 'jobs:cancel'
  | 'jobs:retry'
  | 'jobs:clearFinished';

async function inputMegapixels(runner: JobRunner, hashes: readonly string[]): Promise<number[]> {
  const sizes: number[] = [];
  for (const hash of hashes) {
    try {
      const input = await runner.library.readInput(hash);
      sizes.push((input.width * input.height) / PIXELS_PER_MP);
    } catch {
      throw new SeedbankError(
        'INVALID_INPUT',
        `inputs: reference image ${hash.slice(0, 12)}… is not in the library`,
        'inputs',
      );
    }
  }
  return sizes;
}

/** Validates every job of the batch and returns each one's estimated cost (null when unknown). */
async function validateBatch(
  runner: JobRunner,
  request: GenerationRequest,
  paramsList: Record<string, unknown>[],
): Promise<(number | null)[]> {
  const megapixels = await inputMegapixels(runner, request.inputs);
  return paramsList.map((params) => {
    const validated = validateRequest({ ...request, params }, { inputMegapixels: megapixels });
    return estimateCost(validated.spec, validated.body, megapixels);
  });
}

const total = (costs: (number | null)[]) =>
  costs.some((c) => c === null) ? null : Math.round(costs.reduce<number>((a, b) => a + (b ?? 0), 0) * 1000) / 1000;

export function createJobHandlers(runner: JobRunner, ctx: CoreContext): Pick<Handlers, JobChannels> {
  return {
    'jobs:estimate': async ({ request, count }) => {
      const costs = await validateBatch(runner, request, batchParams(request, count, 'increment'));
      return { credits: total(costs) };
    },
    'jobs:submit': async ({ request, count, seedMode, projectId }) => {
      const paramsList = batchParams(request, count, seedMode);
      const costs = await validateBatch(runner, request, paramsList);
      const now = ctx.now();
      const batchId = newId(now.getTime());
      const rows: NewJob[] = paramsList.map((params, i) => ({
        id: newId(now.getTime()),
        batchId,
        model: request.model,
        prompt: request.prompt,
        params,
        inputs: request.inputs,
        projectId,
        estimatedCost: costs[i] ?? null,
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
      const jobs = runner.store.unfinished().map(toJob);
      runner.start();
      return { jobs };
    },
    'jobs:cancel': ({ id }) => runner.cancel(id),
    'jobs:retry': ({ id, confirmResubmit }) => runner.retry(id, confirmResubmit),
    'jobs:clearFinished': () => ({ removed: runner.store.clearFinished() }),
  };
}
