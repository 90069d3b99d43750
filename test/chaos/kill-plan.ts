/**
 * When the chaos run SIGKILLs the CLI: once per round at every exact moment of a job's life the
 * emulator can name (before and after a billed submit, at a poll, on Ready, before, during and
 * after a delivery), plus kills at random times — all in an order drawn from the seed.
 */
import { roll } from '../fake-bfl/chaos-plan';
import type { ChaosMoment } from '../fake-bfl/chaos';

export const EXACT_MOMENTS: readonly ChaosMoment[] = [
  'submit-received',
  'task-created',
  'submit-answered',
  'poll-received',
  'ready-answered',
  'delivery-received',
  'delivery-midway',
  'delivery-sent',
];

const SUBMIT_MOMENTS: readonly ChaosMoment[] = ['submit-received', 'task-created', 'submit-answered'];

export type PlannedKill = { kind: 'moment'; moment: ChaosMoment } | { kind: 'random'; afterMs: number };

/** A random kill comes this long after the CLI starts (its start-up takes about 0.4 s). */
const RANDOM_KILL_MS = { min: 700, max: 4_000 };

export function planKills(seed: number, rounds: number, randomKills: number): PlannedKill[] {
  const kills: PlannedKill[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const moment of EXACT_MOMENTS) kills.push({ kind: 'moment', moment });
  }
  for (let i = 0; i < randomKills; i++) {
    const r = roll(seed, 'random-kill', i);
    kills.push({
      kind: 'random',
      afterMs: Math.round(RANDOM_KILL_MS.min + r * (RANDOM_KILL_MS.max - RANDOM_KILL_MS.min)),
    });
  }
  // A seeded shuffle (Fisher–Yates on hashed draws): the same seed gives the same order.
  for (let i = kills.length - 1; i > 0; i--) {
    const j = Math.floor(roll(seed, 'kill-order', i) * (i + 1));
    [kills[i], kills[j]] = [kills[j]!, kills[i]!];
  }
  return kills;
}

/** Kills at moments only a submit reaches, which a `resume` with nothing queued never does. */
export function submitsOnly(kill: PlannedKill): boolean {
  return kill.kind === 'moment' && SUBMIT_MOMENTS.includes(kill.moment);
}

export function killLabel(kill: PlannedKill): string {
  return kill.kind === 'moment' ? kill.moment : 'random';
}
