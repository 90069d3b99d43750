/**
 * A request times `count`: the parameters of each job in a batch. With a seed S and `increment`
 * the batch is S, S+1, …, so every image can be made again; `random` draws new seeds here (not at
 * BFL) so each job's record names its seed even before BFL reports it.
 */
import { randomInt } from 'node:crypto';
import type { GenerationRequest } from '../../../shared/types';

export type SeedMode = 'fixed' | 'increment' | 'random';

/** Seeds BFL accepts are non-negative integers; stay within 32 bits as BFL's own samples do. */
const SEED_LIMIT = 2 ** 32;

export function batchParams(request: GenerationRequest, count: number, seedMode: SeedMode): Record<string, unknown>[] {
  const seed = request.params.seed;
  const hasSeed = typeof seed === 'number' && Number.isInteger(seed);
  return Array.from({ length: count }, (_, i) => {
    const params = { ...request.params };
    if (seedMode === 'random' && (count > 1 || !hasSeed)) params.seed = randomInt(0, SEED_LIMIT);
    else if (hasSeed && seedMode === 'increment') params.seed = seed + i;
    return params;
  });
}
