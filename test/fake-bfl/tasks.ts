/**
 * A task's life in the emulator. State is computed from the clock when asked (no timers), so a
 * closed emulator leaves nothing running and tests can jump ahead with `finishTasks`.
 */
import type { SubmitPlan } from './submit';
import type { Fault, TaskView } from './types';

export interface Task {
  id: string;
  plan: SubmitPlan;
  createdAt: number;
  durationMs: number;
  /** Set by `finishTasks`: the moment the task was made to finish. */
  forcedDoneAt: number | null;
  forcedExpired: boolean;
  faults: Fault[];
  /** Remaining scripted poll faults, consumed one per poll. */
  pollFaults: Fault[];
  /** Remaining scripted delivery faults, consumed one per delivery. */
  deliveryFaults: Extract<Fault, { kind: 'delivery-cut' }>[];
  image: Promise<Buffer> | null;
}

export function createTask(id: string, plan: SubmitPlan, faults: Fault[], defaultMs: number, now: number): Task {
  let durationMs = defaultMs;
  const pollFaults: Fault[] = [];
  const deliveryFaults: Task['deliveryFaults'] = [];
  for (const fault of faults) {
    if (fault.kind === 'slow') durationMs = fault.taskMs;
    if (fault.kind === 'poll-http' || fault.kind === 'poll-malformed') {
      for (let i = 0; i < (fault.times ?? 1); i++) pollFaults.push(fault);
    }
    if (fault.kind === 'delivery-cut') for (let i = 0; i < (fault.times ?? 1); i++) deliveryFaults.push(fault);
  }
  return {
    id,
    plan,
    createdAt: now,
    durationMs,
    forcedDoneAt: null,
    forcedExpired: false,
    faults,
    pollFaults,
    deliveryFaults,
    image: null,
  };
}

export function doneAt(task: Task): number {
  return task.forcedDoneAt ?? task.createdAt + task.durationMs;
}

export function isRunning(task: Task, now: number): boolean {
  return now < doneAt(task);
}

function endFault(task: Task): Extract<Fault, { kind: 'end' }> | undefined {
  return task.faults.find((f): f is Extract<Fault, { kind: 'end' }> => f.kind === 'end');
}

export function hasFault(task: Task, kind: Fault['kind']): boolean {
  return task.faults.some((f) => f.kind === kind);
}

export function statusOf(task: Task, now: number, runningStatuses: readonly string[]): string {
  if (isRunning(task, now)) {
    const scripted = task.faults.find(
      (f): f is Extract<Fault, { kind: 'running-status' }> => f.kind === 'running-status',
    );
    if (scripted) return scripted.status;
    const fraction =
      task.durationMs > 0 && Number.isFinite(task.durationMs) ? (now - task.createdAt) / task.durationMs : 0;
    const index = Math.min(runningStatuses.length - 1, Math.floor(fraction * runningStatuses.length));
    return runningStatuses[Math.max(0, index)] ?? 'Pending';
  }
  return endFault(task)?.status ?? 'Ready';
}

/** When the sample URL stops working. */
export function sampleExpiresAt(task: Task, ttlMs: number): number {
  if (task.forcedExpired || hasFault(task, 'expired')) return doneAt(task);
  return doneAt(task) + ttlMs;
}

export interface PollBody {
  id: string;
  status: string;
  result: Record<string, unknown> | null;
  progress: number | null;
  details: Record<string, unknown> | null;
  preview: null;
}

export function pollBody(task: Task, now: number, runningStatuses: readonly string[], sampleUrl: string): PollBody {
  const status = statusOf(task, now, runningStatuses);
  const base: PollBody = { id: task.id, status, result: null, progress: null, details: null, preview: null };
  if (isRunning(task, now)) {
    const fraction =
      Number.isFinite(task.durationMs) && task.durationMs > 0 ? (now - task.createdAt) / task.durationMs : 0;
    return { ...base, progress: Math.round(Math.min(0.99, fraction) * 100) / 100 };
  }
  if (status !== 'Ready') return { ...base, details: endFault(task)?.details ?? null };
  const end = doneAt(task);
  return {
    ...base,
    progress: 1,
    result: {
      sample: sampleUrl,
      seed: task.plan.seed,
      prompt: task.plan.upsampledPrompt,
      start_time: task.createdAt / 1000,
      end_time: end / 1000,
      duration: (end - task.createdAt) / 1000,
    },
  };
}

export function viewOf(task: Task, now: number, runningStatuses: readonly string[]): TaskView {
  return {
    id: task.id,
    model: task.plan.spec.id,
    prompt: task.plan.prompt,
    status: statusOf(task, now, runningStatuses),
    cost: task.plan.cost,
    width: task.plan.width,
    height: task.plan.height,
    format: task.plan.format,
    seed: task.plan.seed,
  };
}
