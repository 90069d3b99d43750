/**
 * Where a generation request enters the core — `jobs:estimate` and `jobs:submit`, from every front
 * door, right after the dispatcher's schema check. Each job of the batch is validated against the
 * model catalog here and only here; the validated body is stored on its job row, and sending and
 * recording reuse it. Reference images are not read: their sizes come from the inputs row.
 */
import { SeedbankError } from '../../../shared/errors';
import { estimateCost, PIXELS_PER_MP, validateRequest } from '../../../shared/models';
import type { PixelSize } from '../../../shared/models/editor-kinds';
import type { GenerationRequest } from '../../../shared/types';
import type { Library } from '../library/library';
import { batchParams, type SeedMode } from './batch';

export interface PlannedJob {
  params: Record<string, unknown>;
  /** What BFL will get, without images. */
  body: Record<string, unknown>;
  /** Credits per BFL's price table; null when unknown (e.g. flux-dev). */
  estimatedCost: number | null;
}

async function inputSizes(library: Pick<Library, 'inputSize'>, hashes: readonly string[]): Promise<PixelSize[]> {
  const sizes: PixelSize[] = [];
  for (const hash of hashes) {
    try {
      const { width, height } = await library.inputSize(hash);
      sizes.push({ width, height });
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

/** Validates every job of the batch; throws INVALID_INPUT naming the field and the rule. */
export async function planSubmission(
  library: Pick<Library, 'inputSize'>,
  request: GenerationRequest,
  count: number,
  seedMode: SeedMode,
): Promise<PlannedJob[]> {
  const sizes = await inputSizes(library, request.inputs);
  const megapixels = sizes.map(({ width, height }) => (width * height) / PIXELS_PER_MP);
  return batchParams(request, count, seedMode).map((params) => {
    const validated = validateRequest({ ...request, params }, { inputMegapixels: megapixels, inputSizes: sizes });
    return {
      params,
      body: validated.body,
      estimatedCost: estimateCost(validated.spec, validated.body, megapixels),
    };
  });
}

/** The batch's estimate: null when any job's cost is unknown. */
export function totalCost(jobs: readonly PlannedJob[]): number | null {
  if (jobs.some((j) => j.estimatedCost === null)) return null;
  return Math.round(jobs.reduce((sum, j) => sum + (j.estimatedCost ?? 0), 0) * 1000) / 1000;
}
