/**
 * The job state machine, in one table: the moves each state allows and what each state means to
 * the runner and to the people reading it. Everything else — the `JobStatus` type, the runner's
 * "has work" and "can be cancelled" sets, the store's SQL, the waits of the CLI and the
 * notifications, the labels in the UI and the CLI — is derived from here, so adding a state or a
 * move is one edit. It lives in `shared/` because the renderer reads it too (labels, phases).
 *
 * Phases:
 * - `working`: a runner has something to do now.
 * - `paused`: accepted (so paid) but stopped by trouble on our side (key missing, disk full, an
 *   answer we refuse to follow); a runner resumes it when the cause is gone or a person says so.
 * - `final`: nothing more happens on its own. `unknown` is final but stays until a person decides.
 */

interface StateSpec {
  readonly moves: readonly string[];
  readonly phase: 'working' | 'paused' | 'final';
  /** What a person reads in the queue and the CLI. */
  readonly label: string;
  /** "Clear finished" keeps it: a person still has a decision to make about it. */
  readonly keep?: true;
  /** BFL counts the task against the account's limit of active tasks (sent, or being made). */
  readonly holdsBflSlot?: true;
}

const STATES = {
  queued: { moves: ['submitting', 'cancelled'], phase: 'working', label: 'Queued' },
  // Back to `queued` only when the request provably never reached BFL (refused, DNS, 429/503).
  submitting: {
    moves: ['polling', 'queued', 'failed', 'unknown', 'cancelled'],
    phase: 'working',
    label: 'Sending',
    holdsBflSlot: true,
  },
  polling: {
    moves: ['downloading', 'failed', 'moderated', 'expired', 'cancelled', 'paused'],
    phase: 'working',
    label: 'Generating',
    holdsBflSlot: true,
  },
  // A result that is ready is paid for: downloading cannot be cancelled or fail, only finish,
  // expire (BFL no longer has it) or wait (paused) until our side can take it.
  downloading: { moves: ['done', 'expired', 'paused'], phase: 'working', label: 'Downloading' },
  // Back to where it stopped. Cancel only when that stage allows it (see `cancellableWhilePaused`).
  paused: { moves: ['polling', 'downloading', 'cancelled'], phase: 'paused', label: 'Paused' },
  done: { moves: [], phase: 'final', label: 'Done' },
  failed: { moves: [], phase: 'final', label: 'Failed' },
  moderated: { moves: [], phase: 'final', label: 'Moderated' },
  cancelled: { moves: [], phase: 'final', label: 'Cancelled' },
  expired: { moves: [], phase: 'final', label: 'Expired' },
  // Never re-sent automatically; a person dismisses it (cancel) or re-sends it as a new job
  // (retry). A late accepted answer from the process that sent it turns it into `polling`.
  unknown: { moves: ['cancelled', 'polling'], phase: 'final', label: 'Outcome unknown', keep: true },
} as const satisfies Record<string, StateSpec>;

export type JobStatus = keyof typeof STATES;

/** The states `from` may move to, as a type: a literal move the table forbids does not compile. */
export type MoveFrom<F extends JobStatus> = (typeof STATES)[F]['moves'][number];

// Every move names a state of the table (checked when compiling).
const movesNameStates: MoveFrom<JobStatus> extends JobStatus ? true : never = true;
void movesNameStates;

const spec = (status: JobStatus): StateSpec => STATES[status];

export const JOB_STATUSES = Object.keys(STATES) as JobStatus[];

const inPhase = (phase: StateSpec['phase']) => JOB_STATUSES.filter((s) => spec(s).phase === phase);

/** States in which a runner is working on the job right now (progress bar, "jobs running"). */
export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = inPhase('working');
/** States in which a runner still owes the job work: the working ones and `paused`. */
export const UNFINISHED_JOB_STATUSES: readonly JobStatus[] = [...ACTIVE_JOB_STATUSES, ...inPhase('paused')];
/** States in which nothing more happens on its own. */
export const FINAL_JOB_STATUSES: readonly JobStatus[] = inPhase('final');
/** States whose task BFL counts as active (the submit slots are learnt over these). */
export const BFL_SLOT_JOB_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter((s) => spec(s).holdsBflSlot);
/** Final states "clear finished" removes (`unknown` stays until a person decides). */
export const CLEARABLE_JOB_STATUSES: readonly JobStatus[] = FINAL_JOB_STATUSES.filter((s) => !spec(s).keep);

export function canMove(from: JobStatus, to: JobStatus): boolean {
  return spec(from).moves.includes(to);
}

export function isFinal(status: JobStatus): boolean {
  return spec(status).phase === 'final';
}

export function isPaused(status: JobStatus): boolean {
  return spec(status).phase === 'paused';
}

/** Someone waiting for the job (the CLI, a batch notice) stops waiting: it is final or needs a person. */
export function stopsWaiting(status: JobStatus): boolean {
  return spec(status).phase !== 'working';
}

/** A stopped job without an image may be re-sent as a new job (`jobs:retry`). */
export function isRetryable(status: JobStatus): boolean {
  return isFinal(status) && status !== 'done';
}

export function isCancellable(status: JobStatus): boolean {
  return canMove(status, 'cancelled');
}

/**
 * Where a paused job goes back to: a job that already has its result URL pauses in `downloading`,
 * any other in `polling`. A paused job may be cancelled only when that stage may be (a result
 * that is ready is paid for and kept).
 */
export function resumesTo(hasResult: boolean): 'downloading' | 'polling' {
  return hasResult ? 'downloading' : 'polling';
}

export function cancellableWhilePaused(hasResult: boolean): boolean {
  return isCancellable(resumesTo(hasResult));
}

export function jobStatusLabel(status: JobStatus): string {
  return spec(status).label;
}
