/**
 * When to poll a task next. BFL's samples poll every 0.5 s from the start; with 24 tasks that is
 * 48 polls a second for answers that are almost all `Pending`. Generation times vary (a model's
 * p95 is about twice its median), so aiming one poll at the mean leaves the fast tasks waiting
 * for it and the slow ones waiting for the overdue polls. Instead:
 * - the first poll goes where only a few percent of the model's tasks would already be done (the
 *   low quantile of its learnt spread), so almost no task finishes long before anyone looks;
 * - when answers carry `progress`, the next poll aims just past the end they predict (from the
 *   rate between two answers, or a little short of elapsed ÷ progress after one), which places
 *   a poll right after Ready whatever the task's own duration;
 * - without progress, the next poll aims just past the model's median, then often while overdue,
 *   backing off slowly for tasks that run far past their time.
 * The median and the spread start from the model's catalog figure and learn from what this
 * account actually sees.
 */
export const MIN_POLL_MS = 250;
export const MAX_POLL_MS = 5_000;
/** Polling gives up after this long without a terminal status (unknown statuses included). */
export const POLL_DEADLINE_MS = 30 * 60_000;
/**
 * Spread (standard deviation of ln duration) assumed before any is learnt: a p95 about twice the
 * median, as the bench's log-normal and BFL's own status page figures suggest.
 */
export const DEFAULT_SPREAD = 0.42;
const MIN_SPREAD = 0.05;
const MAX_SPREAD = 1.2;
/** The first poll sits at this z of the model's log-normal: about 4 % of tasks are done by then. */
const FIRST_POLL_Z = -1.75;
/** Progress below this says too little to predict the end from (rounding, start-up time). */
const MIN_USEFUL_PROGRESS = 0.05;

export interface ProgressSighting {
  elapsedMs: number;
  progress: number | null;
}

export interface PollTiming {
  /** Since the submit was sent. */
  elapsedMs: number;
  /** The model's median generation time. */
  expectedMs: number;
  /** The model's spread: standard deviation of ln(duration). */
  spread?: number;
  /** `progress` (0–1) of the last answer, when the server gave one. */
  progress?: number | null;
  /** The answer before it, if any: two sightings give the rate, free of the submit's own delay. */
  previous?: ProgressSighting | null;
  /** The server's Retry-After on the last answer, if any. */
  retryAfterMs?: number | null;
}

const endMargin = (expectedMs: number) => 60 + expectedMs * 0.02;
const useful = (progress: number | null | undefined): progress is number =>
  typeof progress === 'number' && progress >= MIN_USEFUL_PROGRESS && progress < 1 - MIN_USEFUL_PROGRESS;
/** Sightings closer than this give a rate dominated by the 1 % rounding of progress. */
const MIN_RATE_SPAN_MS = 400;
/**
 * One sighting counts the time from sending the submit to the task's start as run time, so it
 * predicts late; aim this far into the predicted remainder and let the next answer correct it.
 */
const SINGLE_SIGHTING_SHARE = 0.9;
/** A sighting earlier than this is too close to the submit to predict the end from alone. */
const EARLY_SIGHTING_MS = 1_500;

/** The end a progress figure predicts, or null when it predicts nothing useful. */
function predictedEndMs(elapsedMs: number, progress: number | null | undefined): number | null {
  if (!useful(progress)) return null;
  const end = elapsedMs / progress;
  return end > elapsedMs ? end : null;
}

/** Where to look next from the progress sightings: from their rate when there are two. */
function aimFromProgress(now: ProgressSighting, previous: ProgressSighting | null | undefined): number | null {
  if (!useful(now.progress)) return null;
  if (previous && useful(previous.progress) && now.elapsedMs - previous.elapsedMs >= MIN_RATE_SPAN_MS) {
    const rate = (now.progress - previous.progress) / (now.elapsedMs - previous.elapsedMs);
    if (rate > 0) {
      const end = now.elapsedMs + (1 - now.progress) / rate;
      return end + endMargin(end);
    }
  }
  const end = predictedEndMs(now.elapsedMs, now.progress);
  if (end === null) return null;
  // Very early, the submit's own delay is a large part of the elapsed time: look again halfway
  // to get a rate instead of trusting the one figure.
  if (now.elapsedMs < EARLY_SIGHTING_MS) return now.elapsedMs + Math.max(MIN_RATE_SPAN_MS, (end - now.elapsedMs) / 2);
  return now.elapsedMs + (end - now.elapsedMs) * SINGLE_SIGHTING_SHARE + endMargin(end);
}

export function nextPollDelay({
  elapsedMs,
  expectedMs,
  spread = DEFAULT_SPREAD,
  progress,
  previous,
  retryAfterMs,
}: PollTiming): number {
  const firstPollMs = expectedMs * Math.exp(FIRST_POLL_Z * spread);
  const aim = aimFromProgress({ elapsedMs, progress: progress ?? null }, previous);
  let delay: number;
  // The longest wait a progress figure may ask for: long tasks need one, a stuck figure must not.
  let longest = MAX_POLL_MS;
  // All but done by its own account: look again soon, whatever the model's median says.
  if (typeof progress === 'number' && progress >= 1 - MIN_USEFUL_PROGRESS) delay = MIN_POLL_MS;
  // Aim just past the predicted end: a poll a moment early costs a whole extra interval of waiting.
  else if (aim !== null) {
    delay = aim - elapsedMs;
    longest = Math.max(MAX_POLL_MS, expectedMs);
  }
  // Before any progress: the first look (a poll that lands a hair early must not ask for another).
  else if (progress == null && elapsedMs + MIN_POLL_MS / 2 < firstPollMs) delay = firstPollMs - elapsedMs;
  else if (elapsedMs < expectedMs + endMargin(expectedMs)) delay = expectedMs + endMargin(expectedMs) - elapsedMs;
  else delay = MIN_POLL_MS + (elapsedMs - expectedMs) * 0.1;
  return Math.max(MIN_POLL_MS, Math.min(longest, Math.round(delay)), retryAfterMs ?? 0);
}

interface Learnt {
  medianMs: number;
  spread: number;
  /** Samples seen: the first ones replace the catalog figure quickly, the spread waits for a few. */
  samples: number;
}

/** Samples before the spread is learnt: deviations from a catalog median say nothing of it. */
const SPREAD_AFTER_SAMPLES = 3;

/** Per-model median generation time and spread, learnt from observed completions (EWMA). */
export class ExpectedDurations {
  private readonly learnt = new Map<string, Learnt>();

  constructor(
    private readonly catalogMs: (model: string) => number,
    /** Slow enough that one fast or slow task does not move the first poll of the next ones. */
    private readonly weight = 0.1,
    /** Slower than the median's: a squared deviation is a noisy sample. */
    private readonly spreadWeight = 0.05,
  ) {}

  expectedMs(model: string): number {
    return this.timing(model).expectedMs;
  }

  /** What `nextPollDelay` needs to know about the model. */
  timing(model: string): { expectedMs: number; spread: number } {
    const learnt = this.learnt.get(model);
    return learnt
      ? { expectedMs: learnt.medianMs, spread: learnt.spread }
      : { expectedMs: this.catalogMs(model), spread: DEFAULT_SPREAD };
  }

  /**
   * Records a completion seen at `readyElapsedMs`, last seen pending at `lastPendingElapsedMs`
   * with `lastProgress`. The true time lies between the two: when that bracket is tight (or
   * the last progress pins the end inside it) its midpoint is a sample; when it is wide we only
   * know it was done by then, so the median creeps down (never below the time the task was still
   * seen running) and the spread widens, until a poll lands early and brackets it again.
   */
  observe(model: string, lastPendingElapsedMs: number, readyElapsedMs: number, lastProgress?: number | null): void {
    const { expectedMs: previous, spread } = this.timing(model);
    const samples = this.learnt.get(model)?.samples ?? 0;
    const predicted = predictedEndMs(lastPendingElapsedMs, lastProgress);
    const bracket = readyElapsedMs - lastPendingElapsedMs;
    let sample: number | null = null;
    if (predicted !== null) sample = Math.min(readyElapsedMs, Math.max(lastPendingElapsedMs, predicted));
    else if (bracket <= Math.max(MIN_POLL_MS * 2, previous * 0.25))
      sample = (lastPendingElapsedMs + readyElapsedMs) / 2;

    if (sample === null) {
      const medianMs = Math.max(MIN_POLL_MS, lastPendingElapsedMs, Math.min(previous, readyElapsedMs) * 0.97);
      // Done before the first look: more of the model's tasks are fast than the spread allowed.
      const widened =
        lastPendingElapsedMs === 0 && samples >= SPREAD_AFTER_SAMPLES ? Math.min(MAX_SPREAD, spread * 1.1) : spread;
      this.learnt.set(model, { medianMs, spread: widened, samples });
      return;
    }
    // In log space, so the figure is the median a log-normal's fast and slow tasks straddle.
    const deviation = Math.log(Math.max(sample, 1) / previous);
    const medianMs = Math.max(MIN_POLL_MS, previous * Math.exp(Math.max(this.weight, 1 / (samples + 1)) * deviation));
    const variance = (1 - this.spreadWeight) * spread ** 2 + this.spreadWeight * deviation ** 2;
    this.learnt.set(model, {
      medianMs,
      spread:
        samples >= SPREAD_AFTER_SAMPLES ? Math.min(MAX_SPREAD, Math.max(MIN_SPREAD, Math.sqrt(variance))) : spread,
      samples: samples + 1,
    });
  }
}
