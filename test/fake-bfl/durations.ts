/**
 * Seeded task durations: real generation times vary, so a bench that gives every task the same
 * time flatters a poller that aims at the mean. Each model draws from its own log-normal
 * (given by median and p95) with its own seeded generator, so two runs with the same seed give
 * the k-th task of a model the same duration whatever the poller in front of them does.
 */
export interface DurationSpread {
  medianMs: number;
  p95Ms: number;
}

export interface DurationDraws {
  seed: number;
  /** Models not named here keep the emulator's fixed `taskMs`. */
  models: Record<string, DurationSpread>;
}

/** z of the 95th percentile of the standard normal. */
const Z95 = 1.6448536269514722;

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hash of the model id, mixed into the seed so each model has its own sequence. */
function modelSalt(model: string): number {
  let h = 2166136261;
  for (let i = 0; i < model.length; i++) h = Math.imul(h ^ model.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function durationDrawer(draws: DurationDraws): (model: string) => number | null {
  const generators = new Map<string, () => number>();
  return (model) => {
    const spread = draws.models[model];
    if (!spread) return null;
    let next = generators.get(model);
    if (!next) {
      next = mulberry32(draws.seed ^ modelSalt(model));
      generators.set(model, next);
    }
    // Box–Muller: two uniforms give one standard normal.
    const u1 = Math.max(next(), Number.EPSILON);
    const u2 = next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const sigma = Math.log(spread.p95Ms / spread.medianMs) / Z95;
    return Math.round(spread.medianMs * Math.exp(sigma * z));
  };
}

/** Parses `model:medianMs:p95Ms` (the emulator's `--draw` option). */
export function parseDrawSpec(spec: string): [string, DurationSpread] {
  const [model, median, p95] = spec.split(':');
  const medianMs = Number(median);
  const p95Ms = Number(p95);
  if (!model || !(medianMs > 0) || !(p95Ms >= medianMs)) {
    throw new Error(`--draw must be model:medianMs:p95Ms with 0 < median ≤ p95, got "${spec}"`);
  }
  return [model, { medianMs, p95Ms }];
}
