/**
 * The emulator's chaos mode, part 1: which fault strikes where, decided from a seed. Each decision
 * is a hash of (seed, request key, what, attempt), not a draw from one shared random stream, so a
 * job meets the same faults at the same step of its life however the processes interleave; only
 * the 429 storms depend on the order submits arrive in. Every fault is one BFL (or the network in
 * front of it) really produces, as `/work/shared/bfl-api.md` and issue 12 describe.
 */
import { createHash } from 'node:crypto';

export interface ChaosRates {
  /** Per submit: 503 with BFL's JSON `detail` and no task (provably not taken: safe to re-send). */
  submit503: number;
  /** Per submit: the task is created, then a proxy's HTML 503 page comes back instead of the answer. */
  submit503Html: number;
  /** Per submit: the task is created, then the connection is reset before the answer. */
  submitReset: number;
  /** Per submit: a 429 storm starts — this and the next `stormLength - 1` submits are refused. */
  storm: number;
  stormLength: number;
  /** Per job: BFL ends the task with `Request Moderated`, `Content Moderated` or `Error`. */
  requestModerated: number;
  contentModerated: number;
  taskError: number;
  /** Per poll: HTTP 500 (JSON), 502 (a gateway's HTML), a reset connection, a broken JSON body. */
  poll500: number;
  poll502: number;
  pollReset: number;
  pollMalformed: number;
  /** Per poll: the answer is held past the client's timeout (`slowMs`); at most `slowBudget` per run. */
  pollSlow: number;
  /** Per delivery: HTTP 500/503 from the blob host, a body cut short, a reset mid-body. */
  delivery5xx: number;
  deliveryTruncated: number;
  deliveryReset: number;
}

export const DEFAULT_CHAOS_RATES: ChaosRates = {
  submit503: 0.04,
  submit503Html: 0.01,
  submitReset: 0.01,
  storm: 0.015,
  stormLength: 6,
  requestModerated: 0.02,
  contentModerated: 0.02,
  taskError: 0.01,
  poll500: 0.04,
  poll502: 0.03,
  pollReset: 0.03,
  pollMalformed: 0.03,
  pollSlow: 0.01,
  delivery5xx: 0.04,
  deliveryTruncated: 0.04,
  deliveryReset: 0.04,
};

export type SubmitFault = 'submit-503' | 'submit-503-html-after-create' | 'submit-reset-after-create' | 'submit-429';
export type EndFault = 'request-moderated' | 'content-moderated' | 'task-error';
export type PollFault = 'poll-500' | 'poll-502' | 'poll-reset' | 'poll-malformed-json' | 'poll-slow';
export type DeliveryFault = 'delivery-5xx' | 'delivery-truncated' | 'delivery-reset-mid-body';
export type FaultKind = SubmitFault | EndFault | PollFault | DeliveryFault;

/** Submit attempts of one request after which no more faults are injected (it must get through). */
const FAULTY_SUBMIT_ATTEMPTS = 3;
/** Polls of one task that may fail, in total and in a row, so a task always gets answered in time. */
const POLL_FAULTS_PER_TASK = 4;
const POLL_FAULTS_IN_A_ROW = 2;
/** Deliveries of one task that may fail: the sample URL lives 10 minutes, retries must win. */
const FAULTY_DELIVERIES = 2;

/** A number in [0, 1) from the seed and the parts, the same on every run. */
export function roll(seed: number, ...parts: (string | number)[]): number {
  const digest = createHash('sha256')
    .update(`${seed}|${parts.join('|')}`)
    .digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Picks the first kind whose cumulative rate covers `r`, or null. */
function pick<K extends string>(r: number, choices: [K, number][]): K | null {
  let edge = 0;
  for (const [kind, rate] of choices) {
    edge += rate;
    if (r < edge) return kind;
  }
  return null;
}

interface TaskFaultState {
  polls: number;
  pollFaults: number;
  inARow: number;
  deliveries: number;
}

export class ChaosPlan {
  /** Faults injected so far, by kind. */
  readonly injected: Partial<Record<FaultKind, number>> = {};
  private readonly submitAttempts = new Map<string, number>();
  private readonly tasks = new Map<string, TaskFaultState>();
  private readonly ends = new Map<string, EndFault | null>();
  private submits = 0;
  private stormLeft = 0;
  private slowLeft: number;

  constructor(
    readonly seed: number,
    readonly rates: ChaosRates,
    slowBudget: number,
  ) {
    this.slowLeft = slowBudget;
  }

  private count(kind: FaultKind): void {
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
  }

  /** What happens to this submit of the request `key`. */
  submitFault(key: string): SubmitFault | null {
    const index = this.submits++;
    const attempt = this.submitAttempts.get(key) ?? 0;
    this.submitAttempts.set(key, attempt + 1);
    if (this.stormLeft === 0 && roll(this.seed, 'storm', index) < this.rates.storm) {
      this.stormLeft = this.rates.stormLength;
    }
    let fault: SubmitFault | null = null;
    if (this.stormLeft > 0) {
      this.stormLeft -= 1;
      fault = 'submit-429';
    } else if (attempt < FAULTY_SUBMIT_ATTEMPTS) {
      fault = pick(roll(this.seed, 'submit', key, attempt), [
        ['submit-503', this.rates.submit503],
        ['submit-503-html-after-create', this.rates.submit503Html],
        ['submit-reset-after-create', this.rates.submitReset],
      ]);
    }
    if (fault) this.count(fault);
    return fault;
  }

  /** How BFL ends the task made for `key` (null: Ready). Decided once per request, like BFL's filters. */
  endFault(key: string): EndFault | null {
    if (this.ends.has(key)) return this.ends.get(key) ?? null;
    const fault = pick(roll(this.seed, 'end', key), [
      ['request-moderated', this.rates.requestModerated],
      ['content-moderated', this.rates.contentModerated],
      ['task-error', this.rates.taskError],
    ]);
    this.ends.set(key, fault);
    if (fault) this.count(fault);
    return fault;
  }

  private task(key: string): TaskFaultState {
    let state = this.tasks.get(key);
    if (!state) {
      state = { polls: 0, pollFaults: 0, inARow: 0, deliveries: 0 };
      this.tasks.set(key, state);
    }
    return state;
  }

  pollFault(key: string): PollFault | null {
    const state = this.task(key);
    const index = state.polls++;
    let fault: PollFault | null = null;
    if (state.pollFaults < POLL_FAULTS_PER_TASK && state.inARow < POLL_FAULTS_IN_A_ROW) {
      fault = pick(roll(this.seed, 'poll', key, index), [
        ['poll-500', this.rates.poll500],
        ['poll-502', this.rates.poll502],
        ['poll-reset', this.rates.pollReset],
        ['poll-malformed-json', this.rates.pollMalformed],
        ['poll-slow', this.slowLeft > 0 ? this.rates.pollSlow : 0],
      ]);
    }
    if (fault === 'poll-slow') this.slowLeft -= 1;
    state.inARow = fault ? state.inARow + 1 : 0;
    if (fault) {
      state.pollFaults += 1;
      this.count(fault);
    }
    return fault;
  }

  deliveryFault(key: string): DeliveryFault | null {
    const state = this.task(key);
    const index = state.deliveries++;
    if (index >= FAULTY_DELIVERIES) return null;
    const fault = pick(roll(this.seed, 'delivery', key, index), [
      ['delivery-5xx', this.rates.delivery5xx],
      ['delivery-truncated', this.rates.deliveryTruncated],
      ['delivery-reset-mid-body', this.rates.deliveryReset],
    ]);
    if (fault) this.count(fault);
    return fault;
  }
}
