/** The emulator's public shapes: options, scriptable faults and what it records. */
import type { IncomingHttpHeaders } from 'node:http';
import type { DurationDraws } from './durations';
import type { HostileMode } from './hostile';

export type HostName = 'api' | 'polling' | 'delivery';

/**
 * Something going wrong on purpose. Faults reach a submit either through the queue
 * (`script` / `setNext`) or through markers in the prompt, e.g. `a cat [fake:content-moderated]`.
 */
export type Fault =
  /** Submit answers this HTTP status without creating a task (402, 403, 422, 429, 500, 503…). */
  | { kind: 'http'; status: number; detail?: unknown; retryAfterSeconds?: number }
  /** The connection is destroyed after the body was read, before any task exists. */
  | { kind: 'drop-before-create' }
  /** The task is created (and billed), then the connection is destroyed without an answer. */
  | { kind: 'drop-after-create' }
  /**
   * The task is created (and billed), then a proxy or load balancer in front of BFL answers this
   * status with its own HTML page instead of BFL's JSON (e.g. 503 after its upstream timed out).
   */
  | { kind: 'proxy-error'; status: number }
  /** The task is created, then no answer ever comes (the client's deadline must fire). */
  | { kind: 'hang' }
  /** The task is created, then the answer is a 200 with a broken JSON body. */
  | { kind: 'malformed-json' }
  /** The task ends with this status instead of `Ready` (`Request Moderated`, `Error`, …). */
  | { kind: 'end'; status: string; details?: Record<string, unknown> }
  /** While running, polls report this status instead of `Pending` (e.g. `Reasoning`). */
  | { kind: 'running-status'; status: string }
  /** The task takes this long instead of the default. `Infinity` holds it until `finishTasks`. */
  | { kind: 'slow'; taskMs: number }
  /** The next `times` polls of the task answer this HTTP status. */
  | { kind: 'poll-http'; status: number; times?: number }
  /** The next `times` polls of the task answer a 200 with a broken JSON body. */
  | { kind: 'poll-malformed'; times?: number }
  /** The sample URL answers 404. */
  | { kind: 'delivery-404' }
  /**
   * The next `times` deliveries (default 1) break mid-body: `truncated` answers 200 without a
   * length and ends the body early, `reset` announces the full length and then resets the
   * connection half-way.
   */
  | { kind: 'delivery-cut'; how: 'truncated' | 'reset'; times?: number }
  /** The sample URL has already expired when the task is ready. */
  | { kind: 'expired' }
  /** A hostile answer (security suites): see `hostile.ts`; `elsewhere` is the other server's base URL. */
  | { kind: 'hostile'; mode: HostileMode; elsewhere: string };

export interface FakeBflOptions {
  /** Accepted API keys (default: [`DEFAULT_FAKE_KEY`]). */
  keys?: string[];
  /** Starting credit balance (default 1000). Each submit deducts its cost; too few gives 402. */
  credits?: number;
  /** How long a task runs (default 50 ms; the bench uses 4000). */
  taskMs?: number;
  /** Seeded per-model log-normal task durations (default: every task takes `taskMs`). */
  durationDraws?: DurationDraws;
  /** Active tasks per account (default 24). */
  activeLimit?: number;
  /** Per-model active-task limits (default `{ 'flux-kontext-max': 6 }`). */
  modelLimits?: Record<string, number>;
  /** Life of a sample URL after the image is ready (default 10 minutes). */
  sampleTtlMs?: number;
  /** Longest side of delivered images (default 256) — real sizes are scaled down to stay fast. */
  maxImageSide?: number;
  /** Statuses reported while a task runs, spread over its duration (default `['Pending']`). */
  runningStatuses?: string[];
  /** The `Retry-After` header on poll answers, in seconds (default 0). */
  pollRetryAfterSeconds?: number;
  /** Fixed ports (default: random free ports). */
  ports?: Partial<Record<HostName, number>>;
}

export interface RequestRecord {
  host: HostName;
  method: string;
  /** Path without the query. */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  /** Whether an `x-key` header came with the request. */
  hadKey: boolean;
  /** The status answered, or null when the connection was dropped on purpose. */
  status: number | null;
}

export interface SubmitRecord {
  model: string;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The task id when a task was created (also when the answer was then dropped). */
  taskId: string | null;
  status: number | null;
}

export interface PollRecord {
  host: HostName;
  taskId: string;
  status: string | null;
  httpStatus: number;
}

export interface DownloadRecord {
  taskId: string | null;
  hadKey: boolean;
  httpStatus: number;
  /** Set when the delivery was broken on purpose (`delivery-cut`). */
  cut?: 'truncated' | 'reset';
}

export interface TaskView {
  id: string;
  model: string;
  prompt: string;
  status: string;
  cost: number | null;
  width: number;
  height: number;
  format: 'jpeg' | 'png' | 'webp';
  seed: number;
}

export interface FakeBfl {
  apiBase: string;
  pollingBase: string;
  deliveryBase: string;
  /** Accepted keys; add or remove at will. */
  keys: Set<string>;
  requests: RequestRecord[];
  submits: SubmitRecord[];
  polls: PollRecord[];
  downloads: DownloadRecord[];
  /** Queues faults for coming submits: each argument applies to one submit, in order. */
  script(...entries: (Fault | Fault[])[]): void;
  /** Queues faults that all apply to the next submit. */
  setNext(...faults: Fault[]): void;
  setCredits(credits: number): void;
  credits(): number;
  /** Overrides the task duration for tasks created from now on. */
  setTaskMs(ms: number): void;
  /** Makes every running task finish now. */
  finishTasks(): void;
  /** Makes every sample URL handed out so far expire now. */
  expireSamples(): void;
  task(id: string): TaskView | undefined;
  tasks(): TaskView[];
  /** Tasks still running (counted against the active-task limit). */
  activeTasks(model?: string): number;
  close(): Promise<void>;
}
